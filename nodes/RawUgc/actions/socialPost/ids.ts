import type { IExecuteFunctions } from 'n8n-workflow';

import { inputError } from '../../helpers/parameters';

/** A required id parameter (`postId`, `accountId`): one id, no spaces. */
export function readIdParameter(ctx: IExecuteFunctions, itemIndex: number, name: string): string {
	const raw = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!id) throw inputError(ctx, itemIndex, name, 'is required');
	if (/\s/.test(id)) throw inputError(ctx, itemIndex, name, `must be a single ID without spaces, got "${id}"`);
	return id;
}

/** Account ids as the list gives them, or as an expression does: an array, or comma-separated text. */
export function readAccountIds(value: unknown): unknown[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [value];
	return list.map((id) => (typeof id === 'string' ? id.trim() : id)).filter((id) => id !== '' && id !== undefined && id !== null);
}
