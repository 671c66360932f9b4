/** What every API route handler gets: the request, the version it is answered in, the headers to send. */
import type { FakeRawUgc } from './index';
import { type Answer, problemAnswer } from './http-util';
import { FieldChecks, objectBody } from './fields';
import { problem, validationProblem } from './problem';
import type { ApiVersion, RecordedRequest } from './types';

export class RouteContext {
	constructor(
		readonly fake: FakeRawUgc,
		readonly record: RecordedRequest,
		readonly version: ApiVersion,
		/** Rate limit and RawUGC-Version headers, sent with every answer. */
		readonly headers: Record<string, string>,
		/** Bytes received in all (the recorded body is capped). */
		readonly bodySize: number,
	) {}

	fail(status: number, type: string, detail: string, errors?: Record<string, string[]>): Answer {
		return problemAnswer(problem(status, type, detail, this.record.path, { errors }), this.headers);
	}

	invalid(errors: Record<string, string[]>): Answer {
		return problemAnswer(validationProblem(errors, this.record.path), this.headers);
	}

	/** The parsed JSON body; when it is not JSON the caller answers `invalidJson()`. */
	jsonBody(): { ok: true; value: unknown } | { ok: false } {
		try {
			return { ok: true, value: JSON.parse(this.record.body.toString('utf8')) };
		} catch {
			return { ok: false };
		}
	}

	/** The JSON object body, ready for field checks; or the 400 to answer when it is not one. */
	bodyChecks(): FieldChecks | Answer {
		const parsed = this.jsonBody();
		if (!parsed.ok) return this.invalidJson();
		const check = objectBody(parsed.value);
		if (check instanceof FieldChecks) return check;
		return this.invalid(check.ok ? {} : check.errors);
	}

	invalidJson(): Answer {
		return this.invalid({ body: ['Invalid JSON'] });
	}

	/** 402 with RawUGC's wording, or undefined when the balance covers `cost` (and is then charged). */
	charge(cost: number): Answer | undefined {
		if (this.fake.balance < cost) {
			return this.fail(402, 'insufficient_credits', `This request requires ${cost} credits, but you have ${this.fake.balance} available.`);
		}
		this.fake.balance -= cost;
		return undefined;
	}
}
