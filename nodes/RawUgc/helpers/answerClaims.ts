/**
 * For finding what a request whose answer was lost made, when the API has no idempotency key:
 * what other requests of this process were answered with is theirs (claimed), and a look waits
 * for the requests still on their way, whose answers will claim what they made.
 */

/** Ids this process took as some request's answer, the oldest forgotten past `max`. */
export class ClaimedIds {
	private readonly ids = new Set<string>();

	constructor(private readonly max: number) {}

	claim(id: string): void {
		this.ids.delete(id);
		this.ids.add(id);
		if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
	}

	has(id: string): boolean {
		return this.ids.has(id);
	}
}

/** Requests of this process that left and are not answered yet. */
export class Unanswered {
	private readonly answers = new Set<Promise<unknown>>();

	/** Marks a request as on its way until `answer` settles. */
	track(answer: Promise<unknown>): void {
		this.answers.add(answer);
		void answer.finally(() => this.answers.delete(answer)).catch(() => undefined);
	}

	/** Settles once every request on its way now has its answer (or lost it). */
	async settled(): Promise<void> {
		await Promise.allSettled([...this.answers]);
	}
}
