/**
 * A download body read chunk by chunk by the node itself, so it can count the bytes, see the
 * first ones before anything is stored, and tell a host that stopped sending (a read waiting
 * for long) from a disk that is slow to take them (no read asked for).
 */

/** What the node uses of the Node.js Readable that n8n's httpRequest hands as the body. */
export interface SourceStream extends AsyncIterable<Uint8Array> {
	destroy(error?: Error): void;
}

/** Node's `Readable.from`, reached through the body's own class: nodes may not import 'stream'. */
type ReadableFrom = (source: AsyncIterable<Uint8Array>, options: { objectMode: boolean }) => unknown;

/** The body is not as long as its Content-Length said. */
export class BodyLengthError extends Error {
	constructor(received: number, expected: number) {
		super(received < expected ? `got ${received} of ${expected} bytes` : `got more than the ${expected} bytes announced`);
		this.name = 'BodyLengthError';
	}
}

export class WatchedBody {
	private readonly chunks: AsyncIterator<Uint8Array>;
	private waitingSince: number | undefined;
	received = 0;
	ended = false;

	/**
	 * `expectedBytes` (the Content-Length): a body that ends short of it, or runs past it, makes
	 * the read fail, so whatever is being stored from it fails too and is not kept.
	 */
	constructor(
		private readonly source: SourceStream,
		private readonly expectedBytes?: number,
	) {
		this.chunks = source[Symbol.asyncIterator]();
	}

	/** Whether the body can be handed on as a Node.js stream (every Node Readable can). */
	static canRestream(source: unknown): boolean {
		return typeof readableFromOf(source) === 'function';
	}

	/** The next chunk, or undefined at the end; rejects when the body breaks or is cut. */
	async next(): Promise<Buffer | undefined> {
		this.waitingSince = Date.now();
		try {
			const read = await this.chunks.next();
			const expected = this.expectedBytes;
			if (read.done) {
				this.ended = true;
				if (expected !== undefined && this.received !== expected) throw new BodyLengthError(this.received, expected);
				return undefined;
			}
			this.received += read.value.byteLength;
			if (expected !== undefined && this.received > expected) throw new BodyLengthError(this.received, expected);
			return Buffer.isBuffer(read.value) ? read.value : Buffer.from(read.value);
		} finally {
			this.waitingSince = undefined;
		}
	}

	/** Reads at least `size` bytes (fewer only at the end); they are sent on by `restream`. */
	async head(size: number): Promise<Buffer[]> {
		const head: Buffer[] = [];
		let length = 0;
		while (length < size) {
			const chunk = await this.next();
			if (!chunk) break;
			head.push(chunk);
			length += chunk.length;
		}
		return head;
	}

	/** How long the read under way has waited for bytes; 0 when none is under way. */
	waitingMs(now: number): number {
		return this.waitingSince === undefined ? 0 : now - this.waitingSince;
	}

	/** Gives up the body (wakes a waiting read with `error`). */
	cut(error?: Error): void {
		if (!this.ended) this.source.destroy(error);
	}

	/** The head, then the rest of the body, as a Node.js stream for n8n's binary helpers. */
	restream(head: Buffer[]): unknown {
		const from = readableFromOf(this.source) as ReadableFrom;
		return from(this.remaining(head), { objectMode: false });
	}

	private async *remaining(head: Buffer[]): AsyncGenerator<Buffer> {
		try {
			yield* head;
			for (;;) {
				const chunk = await this.next();
				if (!chunk) return;
				yield chunk;
			}
		} finally {
			// The store stopped reading (it failed): let the connection go.
			this.cut();
		}
	}
}

function readableFromOf(source: unknown): ReadableFrom | undefined {
	const streamClass = (source as { constructor?: { from?: unknown } } | undefined)?.constructor;
	const from = streamClass?.from;
	if (typeof from !== 'function') return undefined;
	return (iterable, options) => (from as (...args: unknown[]) => unknown).call(streamClass, iterable, options);
}
