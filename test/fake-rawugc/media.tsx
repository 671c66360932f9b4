/**
 * What every generated result file shares: a format record, and deterministic filler (an AES-CTR
 * keystream keyed by the job id: distinct per chunk, so reordering bugs show) produced in chunks
 * so a 150 MB result never sits in memory whole.
 */
import { createCipheriv, createHash } from 'crypto';

export const CHUNK = 64 * 1024;

export interface FileFormat {
	/** File name extension in result URLs. */
	ext: string;
	contentType: string;
	/** Smallest file this format can make; smaller requests are raised to it. */
	minimumSize: number;
	/** The file's bytes in order; their total is exactly `size` (already at least minimumSize). */
	chunks(seedId: string, size: number): Generator<Buffer>;
}

export function seed(seedId: string): Buffer {
	return createHash('sha256').update(`fake-rawugc:${seedId}`).digest();
}

/** Endless deterministic filler for one file: each call returns the next n bytes. */
export function fillerSource(seedId: string): (n: number) => Buffer {
	const cipher = createCipheriv('aes-128-ctr', seed(seedId).subarray(0, 16), Buffer.alloc(16));
	return (n) => cipher.update(Buffer.alloc(n));
}

/** The next `length` filler bytes in pieces of at most CHUNK. */
export function* fillerChunks(next: (n: number) => Buffer, length: number): Generator<Buffer> {
	for (let left = length; left > 0; ) {
		const piece = next(Math.min(CHUNK, left));
		left -= piece.length;
		yield piece;
	}
}
