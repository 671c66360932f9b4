import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { IMAGE } from '../../RawUgc/kinds/image';
import type { JobKind } from '../../RawUgc/kinds/kind';
import { MUSIC } from '../../RawUgc/kinds/music';
import { VIDEO } from '../../RawUgc/kinds/video';
import type { ItemSettings } from './items';

/** The kinds of job the trigger can watch, in the order they are polled. */
export const WATCHABLE_KINDS: readonly JobKind[] = [IMAGE, VIDEO, MUSIC];
export const FIRING_STATUSES = ['completed', 'failed'] as const;

export interface TriggerSettings extends ItemSettings {
	kinds: JobKind[];
	statuses: ReadonlySet<string>;
}

function settingError(ctx: IPollFunctions, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} ${problem}`, { description: `Check the "${field}" parameter.` });
}

function readChoices(ctx: IPollFunctions, field: string, allowed: readonly string[]): string[] {
	const value = ctx.getNodeParameter(field, []) as unknown;
	const chosen = (Array.isArray(value) ? value : [value]).map(String).filter(Boolean);
	const unknown = chosen.find((choice) => !allowed.includes(choice));
	if (unknown !== undefined) throw settingError(ctx, field, `has an unknown value "${unknown}": use ${allowed.join(', ')}`);
	if (chosen.length === 0) throw settingError(ctx, field, `must name at least one of: ${allowed.join(', ')}`);
	return chosen;
}

/** The node's parameters, checked before any request is made. */
export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const event = ctx.getNodeParameter('event', 'jobFinished') as string;
	if (event !== 'jobFinished') throw settingError(ctx, 'event', `"${event}" is not known: use jobFinished`);
	const kindNames = readChoices(ctx, 'kinds', WATCHABLE_KINDS.map((kind) => kind.name));
	const statuses = readChoices(ctx, 'statuses', FIRING_STATUSES);
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const binaryPropertyName = String(options.binaryPropertyName ?? 'data').trim();
	if (!binaryPropertyName) throw settingError(ctx, 'options.binaryPropertyName', 'must not be empty');
	return {
		kinds: WATCHABLE_KINDS.filter((kind) => kindNames.includes(kind.name)),
		statuses: new Set(statuses),
		download: options.download !== false,
		binaryPropertyName,
	};
}
