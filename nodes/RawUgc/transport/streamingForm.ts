/**
 * A multipart/form-data body that streams a file instead of holding it in memory, with no
 * dependency and no Node.js built-in: n8n's httpRequest (axios' Node adapter) encodes any
 * spec-compliant FormData (an `append`, an iterator of entries, tag "FormData") by reading
 * each file entry's `name`, `type`, `size` and `stream()`, and sends it with a Content-Length
 * summed from those sizes. The global FormData only takes Blobs, which would need the bytes in
 * memory (or a file path this node must not open), hence this small stand-in.
 */

/** Chunks of a file, opened only when the request starts reading, once per attempt. */
export type OpenChunks = () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;

/** A file entry read lazily; it fails the request rather than sending a wrong length. */
export class StreamedFile {
	readonly [Symbol.toStringTag] = 'File';

	constructor(
		readonly name: string,
		readonly type: string,
		/** Exact byte count: the request's Content-Length is computed from it. */
		readonly size: number,
		private readonly open: OpenChunks,
	) {}

	stream(): AsyncIterable<Uint8Array> {
		return this.checkedChunks();
	}

	private async *checkedChunks(): AsyncGenerator<Uint8Array> {
		let sent = 0;
		for await (const chunk of await this.open()) {
			sent += chunk.byteLength;
			// A wrong length would leave the server waiting or cut the part: fail instead.
			if (sent > this.size) throw new Error(`the file is longer than its recorded ${this.size} bytes`);
			yield chunk;
		}
		if (sent !== this.size) throw new Error(`the file ended after ${sent} of its recorded ${this.size} bytes`);
	}
}

/** Just enough of the FormData interface for n8n's request helper to stream the body. */
export class StreamingForm {
	readonly [Symbol.toStringTag] = 'FormData';

	private readonly fields: Array<[string, StreamedFile]> = [];

	append(name: string, file: StreamedFile): void {
		this.fields.push([name, file]);
	}

	entries(): IterableIterator<[string, StreamedFile]> {
		return this.fields[Symbol.iterator]();
	}

	[Symbol.iterator](): IterableIterator<[string, StreamedFile]> {
		return this.entries();
	}
}
