import { z } from 'zod';

import { oneOf } from '../schema';

/** The two edits RawUGC makes to a completed video: the path's last segment and the version's `operation`. */
export type EditOperationName = 'captions' | 'overlay';

export const OVERLAY_POSITIONS = ['top', 'center', 'bottom'] as const;
export const OVERLAY_TEXT_MAX_LENGTH = 500;

/** A number typed or given by an expression ("24" from a sheet counts as 24), within bounds. */
function numberIn(min: number, max: number, { integer }: { integer: boolean }) {
	const kind = integer ? 'a whole number' : 'a number';
	return z.preprocess(
		(value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
		z
			.number({ invalid_type_error: `must be ${kind} from ${min} to ${max}` })
			.finite(`must be ${kind} from ${min} to ${max}`)
			.refine((value) => !integer || Number.isInteger(value), `must be ${kind} from ${min} to ${max}`)
			.refine((value) => value >= min && value <= max, `must be ${kind} from ${min} to ${max}`),
	);
}

/** The body of an Add Captions request, without `videoId`. */
export const captionsRequestSchema = z
	.object({
		// The API documents no list of codes (e.g. `en`); a language tag is never longer than 35.
		language: z
			.string({ invalid_type_error: 'must be text, e.g. en' })
			.trim()
			.max(35, 'must be a language code such as en (at most 35 characters)')
			.regex(/^\S*$/, 'must be a language code such as en, without spaces')
			.optional(),
	})
	.strict();

/** The body of an Add Overlay request, without `videoId`: every field but `text` only when given. */
export const overlayRequestSchema = z
	.object({
		text: z
			.string({ required_error: 'is required', invalid_type_error: 'must be text' })
			.min(1, 'is required')
			.refine((text) => text.trim() !== '', 'is required (not only spaces)')
			.refine((text) => text.length <= OVERLAY_TEXT_MAX_LENGTH, `must be at most ${OVERLAY_TEXT_MAX_LENGTH} characters`),
		position: oneOf(OVERLAY_POSITIONS).optional(),
		fontSize: numberIn(8, 200, { integer: true }).optional(),
		topBottomMargin: numberIn(0, 500, { integer: true }).optional(),
		strokeThickness: numberIn(0, 10, { integer: false }).optional(),
	})
	.strict();

/**
 * When an edit answers before its file is ready (unknown whether it does), when to look at the
 * new version: adding captions or a line of text to a short clip likely takes seconds, at most a
 * minute or two. A guess, only timing.
 */
export const EDIT_ESTIMATE = { minMs: 2_000, maxMs: 60_000 };
