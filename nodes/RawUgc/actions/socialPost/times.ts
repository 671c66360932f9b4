import type { IExecuteFunctions } from 'n8n-workflow';

import { readInstant, showInstant } from '../../helpers/instant';
import { inputError } from '../../helpers/parameters';

/** Where the time and its zone come from: `scheduledFor`, or `updateFields.scheduledFor`. */
export interface TimeParameters {
	value: unknown;
	zone: unknown;
	/** The parameters' names, for errors. */
	valueName: string;
	zoneName: string;
}

/**
 * The scheduled time as the exact instant (ms) and the zone it was read in, checked before
 * anything is sent: a known zone (empty: the workflow's), a time that exists there, in the future.
 */
export function readScheduledFor(ctx: IExecuteFunctions, itemIndex: number, times: TimeParameters): { scheduledFor: number; timezone: string } {
	const read = readInstant(times.value, times.zone, ctx.getTimezone());
	if (!read.ok) throw inputError(ctx, itemIndex, read.field === 'timezone' ? times.zoneName : times.valueName, read.problem);
	const now = Date.now();
	if (read.ms <= now) {
		throw inputError(
			ctx,
			itemIndex,
			times.valueName,
			`must lie in the future: ${showInstant(read.ms, read.zone)} is past (now it is ${showInstant(now, read.zone)})`,
		);
	}
	return { scheduledFor: read.ms, timezone: read.zone };
}

/** A bound of Get Many's date range (not required to be in the future); undefined when empty. */
export function readDateBound(ctx: IExecuteFunctions, itemIndex: number, name: string): number | undefined {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === undefined || value === null || value === '') return undefined;
	const read = readInstant(value, '', ctx.getTimezone());
	if (!read.ok) throw inputError(ctx, itemIndex, name, read.problem);
	return read.ms;
}
