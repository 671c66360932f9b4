/** Sliding-window rate limit per API key: requests answered 429 are not counted. */

export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
}

export class SlidingWindow {
	private readonly hits = new Map<string, number[]>();

	constructor(public limit: number, public windowMs: number) {}

	private recent(key: string, now: number): number[] {
		const list = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
		this.hits.set(key, list);
		return list;
	}

	private headers(list: number[], now: number): Record<string, string> {
		const oldest = list.length ? list[0] : now;
		return {
			'X-RateLimit-Limit': String(this.limit),
			'X-RateLimit-Remaining': String(Math.max(0, this.limit - list.length)),
			'X-RateLimit-Reset': String(Math.ceil((oldest + this.windowMs) / 1000)),
		};
	}

	/** Counts the request if there is room. */
	take(key: string, now = Date.now()): RateDecision {
		const list = this.recent(key, now);
		if (list.length >= this.limit) return { allowed: false, headers: this.headers(list, now) };
		list.push(now);
		return { allowed: true, headers: this.headers(list, now) };
	}

	/** The headers as things stand, counting nothing. */
	peek(key: string, now = Date.now()): Record<string, string> {
		return this.headers(this.recent(key, now), now);
	}

	clear(): void {
		this.hits.clear();
	}
}
