import { DateTime, IANAZone } from 'luxon';

/**
 * A time the user means, as the exact instant RawUGC takes (ms epoch). A value with an offset
 * or `Z` is that instant; one without is a wall-clock time in `zone`. A wall-clock time the
 * zone skips (the spring-forward gap) is refused, never moved: the user meant a time that does
 * not exist. luxon is the host n8n's own (imported, never bundled).
 */

export type InstantResult =
	| { ok: true; ms: number; zone: string }
	| { ok: false; field: 'value' | 'timezone'; problem: string };

const WITH_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;
// What n8n's date picker and people type: ISO (T or a space between date and time).
const LOCAL_FORMATS = ["yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm'];

function isDateTime(value: unknown): value is { toMillis(): number; isValid: boolean } {
	// The host's luxon may be another copy than this import: isDateTime checks a marker, not the class.
	return DateTime.isDateTime(value);
}

/** A typed or saved wall-clock time, read in `zone`; undefined when it is not one. */
function wallClock(text: string, zone: string): DateTime | undefined {
	for (const format of LOCAL_FORMATS) {
		const inZone = DateTime.fromFormat(text, format, { zone });
		if (!inZone.isValid) continue;
		// luxon moves a time in the gap forward; the same fields read in UTC are what was written.
		const written = DateTime.fromFormat(text, format, { zone: 'utc' });
		const same = inZone.hour === written.hour && inZone.minute === written.minute && inZone.day === written.day;
		return same ? inZone : DateTime.invalid('gap');
	}
	return undefined;
}

function describe(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `zone` checked (empty: `fallbackZone`, the workflow's), then `value` read as an instant. */
export function readInstant(value: unknown, zoneName: unknown, fallbackZone: string): InstantResult {
	const zone = typeof zoneName === 'string' && zoneName.trim() !== '' ? zoneName.trim() : fallbackZone;
	if (typeof zoneName !== 'string' && zoneName !== undefined && zoneName !== null) {
		return { ok: false, field: 'timezone', problem: `must be a time zone name such as Europe/Berlin (got ${describe(zoneName)})` };
	}
	if (!IANAZone.isValidZone(zone)) {
		return { ok: false, field: 'timezone', problem: `is not a known time zone: "${zone}" (use an IANA name such as Europe/Berlin or America/New_York)` };
	}
	if (isDateTime(value)) return value.isValid ? { ok: true, ms: value.toMillis(), zone } : { ok: false, field: 'value', problem: 'is not a valid date and time' };
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? { ok: false, field: 'value', problem: 'is not a valid date and time' } : { ok: true, ms: value.getTime(), zone };
	}
	if (typeof value === 'number') {
		return Number.isFinite(value) ? { ok: true, ms: Math.round(value), zone } : { ok: false, field: 'value', problem: 'is not a valid time' };
	}
	const text = typeof value === 'string' ? value.trim() : '';
	if (!text) return { ok: false, field: 'value', problem: 'is required: a date and time such as 2026-12-05T09:00' };
	if (WITH_OFFSET.test(text)) {
		const exact = DateTime.fromISO(text, { setZone: true });
		if (exact.isValid) return { ok: true, ms: exact.toMillis(), zone };
	}
	const local = wallClock(text, zone) ?? DateTime.fromISO(text, { zone });
	if (local.invalidReason === 'gap') {
		return { ok: false, field: 'value', problem: `${describe(value)} does not exist in ${zone}: the clocks jump forward over it that night; pick a time outside the gap` };
	}
	if (!local.isValid) {
		return { ok: false, field: 'value', problem: `must be a date and time such as 2026-12-05T09:00 or 2026-12-05T09:00:00+01:00 (got ${describe(value)})` };
	}
	return { ok: true, ms: local.toMillis(), zone };
}

/** "2026-12-05 09:00 Europe/Berlin": an instant as a person in that zone reads it. */
export function showInstant(ms: number, zone: string): string {
	return `${DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm:ss')} ${zone}`;
}
