/**
 * Field checks shared by every request body the fake validates, with zod-like messages
 * collected per field (RawUGC's 400 `errors`: field name -> list of messages).
 */

export type Errors = Record<string, string[]>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Errors };

export function describe(value: unknown): string {
	if (value === null) return 'null';
	return Array.isArray(value) ? 'array' : typeof value;
}

export function isHttpUrl(value: unknown): boolean {
	if (typeof value !== 'string') return false;
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:';
	} catch {
		return false;
	}
}

function enumMessage(allowed: readonly string[], value: unknown): string {
	return `Invalid enum value. Expected ${allowed.map((a) => `'${a}'`).join(' | ')}, received ${JSON.stringify(value)}`;
}

/** Checks on one JSON body; each adds to `errors` and ignores a field that is absent unless required. */
export class FieldChecks {
	readonly errors: Errors = {};

	constructor(readonly input: Record<string, unknown>) {}

	add(field: string, message: string): void {
		(this.errors[field] ??= []).push(message);
	}

	/** Any field not listed is an error (stricter than the real API on purpose). */
	onlyKnown(known: Iterable<string>): void {
		const allowed = new Set(known);
		for (const field of Object.keys(this.input)) if (!allowed.has(field)) this.add(field, `Unrecognized field '${field}'`);
	}

	string(field: string, rule: { required?: boolean; min?: number; max: number }): void {
		const value = this.input[field];
		if (value === undefined) {
			if (rule.required) this.add(field, 'Required');
		} else if (typeof value !== 'string') this.add(field, `Expected string, received ${describe(value)}`);
		else if (value.length < (rule.min ?? 0)) this.add(field, `String must contain at least ${rule.min} character(s)`);
		else if (value.length > rule.max) this.add(field, `String must contain at most ${rule.max} character(s)`);
	}

	enumOf(field: string, allowed: readonly string[], required = false): void {
		const value = this.input[field];
		if (value === undefined) {
			if (required) this.add(field, 'Required');
		} else if (typeof value !== 'string' || !allowed.includes(value)) this.add(field, enumMessage(allowed, value));
	}

	boolean(field: string): void {
		const value = this.input[field];
		if (value !== undefined && typeof value !== 'boolean') this.add(field, `Expected boolean, received ${describe(value)}`);
	}

	number(field: string, min: number, max: number, integer = false): void {
		const value = this.input[field];
		if (value === undefined) return;
		if (typeof value !== 'number' || !Number.isFinite(value)) this.add(field, `Expected number, received ${describe(value)}`);
		else if (integer && !Number.isInteger(value)) this.add(field, 'Expected integer, received float');
		else if (value < min) this.add(field, `Number must be greater than or equal to ${min}`);
		else if (value > max) this.add(field, `Number must be less than or equal to ${max}`);
	}

	/** An array of public http(s) URLs of at most `max` elements; `min` only when present or required. */
	urls(field: string, rule: { max: number; min?: number; required?: string }): void {
		const value = this.input[field];
		if (value === undefined) {
			if (rule.required) this.add(field, rule.required);
			return;
		}
		if (!Array.isArray(value)) return this.add(field, `Expected array, received ${describe(value)}`);
		if (rule.required && value.length === 0) this.add(field, rule.required);
		if (value.length > rule.max) this.add(field, `Array must contain at most ${rule.max} element(s)`);
		value.forEach((url, index) => {
			if (!isHttpUrl(url)) this.add(`${field}.${index}`, 'Invalid url: expected a public http or https URL');
		});
	}

	/** A field some models do not take is an error for the others (the fake never ignores it). */
	onlyFor(model: unknown, owners: Record<string, readonly string[]>): void {
		for (const [field, models] of Object.entries(owners)) {
			if (this.input[field] !== undefined && !models.includes(model as string)) {
				this.add(field, `${field} is only supported by ${models.join(', ')}`);
			}
		}
	}

	result<T>(): Checked<T> {
		if (Object.keys(this.errors).length) return { ok: false, errors: this.errors };
		return { ok: true, value: this.input as unknown as T };
	}
}

/** The JSON object a body must be, or the error saying what it was instead. */
export function objectBody(body: unknown): FieldChecks | Checked<never> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, errors: { body: [`Expected a JSON object, received ${describe(body)}`] } };
	}
	return new FieldChecks(body as Record<string, unknown>);
}
