/** Validation of video edit bodies (captions, overlay); unknown fields and nulls are errors. */
import { type Checked, FieldChecks, objectBody } from './fields';
import type { EditOperation } from './types';

export interface EditRequest {
	videoId: string;
	[option: string]: unknown;
}

const OPTIONS: Record<EditOperation, (check: FieldChecks) => void> = {
	captions(check) {
		check.string('language', { min: 1, max: 35 });
	},
	overlay(check) {
		check.string('text', { required: true, min: 1, max: 500 });
		check.enumOf('position', ['top', 'center', 'bottom']);
		check.number('fontSize', 8, 200, true);
		check.number('topBottomMargin', 0, 500, true);
		check.number('strokeThickness', 0, 10);
	},
};

export const EDIT_FIELDS: Record<EditOperation, readonly string[]> = {
	captions: ['videoId', 'language'],
	overlay: ['videoId', 'text', 'position', 'fontSize', 'topBottomMargin', 'strokeThickness'],
};

/** `pathId`: the id in a nested path (/videos/{id}/captions); the body's videoId may repeat it, not contradict it. */
export function validateEdit(operation: EditOperation, body: unknown, pathId?: string): Checked<EditRequest> {
	const check = objectBody(body);
	if (!('input' in check)) return check;
	check.onlyKnown(EDIT_FIELDS[operation]);
	check.string('videoId', { required: pathId === undefined, min: 1, max: 200 });
	if (pathId !== undefined && check.input.videoId !== undefined && check.input.videoId !== pathId) {
		check.add('videoId', `videoId in the body (${JSON.stringify(check.input.videoId)}) is not the one in the path (${pathId})`);
	}
	OPTIONS[operation](check);
	const checked = check.result<EditRequest>();
	return checked.ok ? { ok: true, value: { ...checked.value, videoId: pathId ?? String(checked.value.videoId) } } : checked;
}
