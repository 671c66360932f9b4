/** What a file's first bytes say it is; the server's Content-Type is not trusted. */
export interface FileType {
	mimeType: string;
	extension: string;
}

/** A kind of result file: how to recognise one, and words for the error when it is not one. */
export interface ResultFile {
	/** "an image", "a video", "audio". */
	what: string;
	/** Bytes `sniff` needs to tell the types apart. */
	sniffBytes: number;
	sniff(head: Buffer): FileType | undefined;
}

/** True when `head` holds `bytes` at `at`. */
export function hasBytes(head: Buffer, bytes: readonly number[], at = 0): boolean {
	return bytes.every((byte, i) => head[at + i] === byte);
}

/** Words for what came back instead of the expected file, for the error message. */
export function describeUnexpected(head: Buffer, contentType?: string): string {
	const text = head.toString('utf8').trimStart().toLowerCase();
	if (text.startsWith('<!doctype html') || text.startsWith('<html') || contentType?.includes('html')) {
		return 'an HTML page';
	}
	if (text.startsWith('{') || text.startsWith('[')) return 'JSON';
	if (head.length === 0) return 'an empty body';
	return `data of type ${contentType || 'unknown'}`;
}
