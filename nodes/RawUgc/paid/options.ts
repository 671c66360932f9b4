import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../helpers/parameters';
import { maxCreditsOption } from '../actions/common.descriptions';
import type { PaidCall } from './paidCall';

/** A paid call's Options: Max Credits, and for a call that may work for minutes its Max Wait Time. */
export interface PaidOptions {
	maxCredits?: number;
	maxWaitTime?: number;
}

/** A paid call that may work for minutes (an analysis): how long its answer may take by default. */
export const DEFAULT_PAID_MAX_WAIT_S = 600;

/** `maxWaitHelp`: the Max Wait Time option's description, for a call that has one. */
export function paidOptionsCollection(call: PaidCall, maxWaitHelp?: string): INodeProperties {
	const options = [maxCreditsOption(call.noun, call.credits)];
	if (maxWaitHelp) {
		options.push({
			displayName: 'Max Wait Time (Seconds)',
			name: 'maxWaitTime',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: maxWaitHelp,
		});
	}
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

export function readPaidOptions(ctx: IExecuteFunctions, itemIndex: number, defaultWaitS?: number): PaidOptions {
	const raw = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const number = (name: string, min: number, problem: string): number | undefined => {
		const value = raw[name];
		if (value === undefined || value === null || value === '') return undefined;
		const parsed = Number(value);
		if (!Number.isFinite(parsed) || parsed < min) throw inputError(ctx, itemIndex, `options.${name}`, problem);
		return parsed;
	};
	const maxCredits = number('maxCredits', 0, 'must be a number of credits, 0 or more');
	const maxWaitTime = defaultWaitS === undefined ? undefined : (number('maxWaitTime', Number.MIN_VALUE, 'must be a number of seconds above 0') ?? defaultWaitS);
	return { maxCredits, maxWaitTime };
}
