import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ZodError } from 'zod';

import type { ExtraFile } from '../kinds/kind';

/** The node's options collection, as saved workflows hold it. */
export interface JobOptions {
	maxWaitTime: number;
	download: boolean;
	binaryPropertyName: string;
	maxCredits?: number;
	/** The kind's extra files whose option is on (e.g. the album art). */
	extraFiles: readonly ExtraFile[];
}

/** An input error that names the field and the item, raised before anything is sent. */
export function inputError(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field} ${problem} [item ${itemIndex}]`, {
		itemIndex,
		description: `Check the "${field}" parameter of item ${itemIndex}.`,
	});
}

/**
 * The first problem zod found, as an input error naming the parameter (`parameterOf` maps a
 * request field to the parameter that fills it, where the names differ).
 */
export function zodInputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	error: ZodError,
	parameterOf: Readonly<Record<string, string>> = {},
): NodeOperationError {
	const issue = error.issues[0];
	const path = issue.path.filter((part): part is string => typeof part === 'string');
	const field = path.map((part, depth) => (depth === 0 ? (parameterOf[part] ?? part) : part)).join('.') || 'input';
	const position = issue.path.find((part) => typeof part === 'number');
	const which = position === undefined ? '' : ` (entry ${position + 1})`;
	return inputError(ctx, itemIndex, `${field}${which}`, issue.message);
}

/** URLs typed one per line or comma-separated, or given by an expression as an array. */
export function readUrls(ctx: IExecuteFunctions, itemIndex: number, parameter: string): unknown[] {
	return splitUrls(ctx.getNodeParameter(parameter, itemIndex, '') as unknown);
}

/** URLs from a parameter's value: an array, or text with one per line or comma-separated. */
export function splitUrls(value: unknown): unknown[] {
	if (Array.isArray(value)) return value.filter((url) => url !== '' && url !== null && url !== undefined);
	if (value === null || value === undefined) return [];
	if (typeof value !== 'string') return [value];
	return value
		.split(/[\n,]+/)
		.map((url) => url.trim())
		.filter(Boolean);
}

/** Names of the incoming item's binary fields to upload, comma-separated. */
export function readBinaryFieldNames(ctx: IExecuteFunctions, itemIndex: number, parameter: string): string[] {
	const value = ctx.getNodeParameter(parameter, itemIndex, '') as unknown;
	const names = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return names.map((name) => name.trim()).filter(Boolean);
}

/**
 * The options collection; `defaultMaxWaitS` is the kind's Max Wait Time when unset, `extraFiles`
 * the kind's optional second files (each asked for by its own option).
 */
export function readJobOptions(
	ctx: IExecuteFunctions,
	itemIndex: number,
	defaultMaxWaitS: number,
	extraFiles: readonly ExtraFile[] = [],
): JobOptions {
	const raw = ctx.getNodeParameter('options', itemIndex, {}) as Partial<Record<keyof JobOptions, unknown>>;
	const maxWaitTime = raw.maxWaitTime === undefined || raw.maxWaitTime === '' ? defaultMaxWaitS : Number(raw.maxWaitTime);
	if (!Number.isFinite(maxWaitTime) || maxWaitTime <= 0) {
		throw inputError(ctx, itemIndex, 'options.maxWaitTime', 'must be a number of seconds above 0');
	}
	const binaryPropertyName = String(raw.binaryPropertyName ?? 'data').trim();
	if (!binaryPropertyName) throw inputError(ctx, itemIndex, 'options.binaryPropertyName', 'must not be empty');
	let maxCredits: number | undefined;
	if (raw.maxCredits !== undefined && raw.maxCredits !== null && raw.maxCredits !== '') {
		maxCredits = Number(raw.maxCredits);
		if (!Number.isFinite(maxCredits) || maxCredits < 0) {
			throw inputError(ctx, itemIndex, 'options.maxCredits', 'must be a number of credits, 0 or more');
		}
	}
	const options = raw as Record<string, unknown>;
	const chosen = extraFiles.filter((extra) => readOption(ctx, itemIndex, options, extra.option));
	const clash = chosen.find((extra) => extra.binaryPropertyName === binaryPropertyName);
	if (clash && raw.download !== false) {
		throw inputError(ctx, itemIndex, 'options.binaryPropertyName', `must not be "${clash.binaryPropertyName}": that field holds the ${clash.noun}`);
	}
	return { maxWaitTime, download: raw.download !== false, binaryPropertyName, maxCredits, extraFiles: chosen };
}

/** A boolean of the options collection (off when unset). */
function readOption(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>, name: string): boolean {
	const value = options[name];
	if (value === undefined || value === null || value === '' || value === false || value === 'false') return false;
	if (value === true || value === 'true') return true;
	throw inputError(ctx, itemIndex, `options.${name}`, 'must be true or false');
}

export function readBoolean(ctx: IExecuteFunctions, itemIndex: number, name: string, fallback: boolean): boolean {
	const value = ctx.getNodeParameter(name, itemIndex, fallback) as unknown;
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw inputError(ctx, itemIndex, name, 'must be true or false');
}
