/** Reading requests and writing answers (buffered or streamed with backpressure) for the fake's servers. */
import type { IncomingMessage, ServerResponse } from 'http';
import type { Problem } from './problem';

export interface Answer {
	status: number;
	headers: Record<string, string>;
	body?: Buffer;
	/** Streamed body, generated on demand (Content-Length must already be in headers). */
	chunks?: () => Iterable<Buffer>;
	/** Destroy the socket once this many body bytes were written (a truncated download). */
	cutAfter?: number;
}

export function jsonAnswer(status: number, value: unknown, headers: Record<string, string> = {}): Answer {
	const body = Buffer.from(JSON.stringify(value));
	return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers }, body };
}

export function problemAnswer(value: Problem, headers: Record<string, string> = {}): Answer {
	const body = Buffer.from(JSON.stringify(value));
	return { status: value.status, headers: { 'Content-Type': 'application/problem+json', ...headers }, body };
}

/** A redirect to `location`, with no body. */
export function redirectAnswer(location: string, status = 302): Answer {
	return { status, headers: { Location: location }, body: Buffer.alloc(0) };
}

export interface ReadBody {
	body: Buffer;
	/** Bytes received in all, even past the cap. */
	size: number;
}

/** Reads the whole body, keeping at most `cap` bytes (the rest is drained so the client can finish). */
export function readBody(req: IncomingMessage, cap: number): Promise<ReadBody> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let kept = 0;
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (kept >= cap) return;
			const piece = kept + chunk.length > cap ? chunk.subarray(0, cap - kept) : chunk;
			chunks.push(piece);
			kept += piece.length;
		});
		req.on('end', () => resolve({ body: Buffer.concat(chunks), size }));
		req.on('error', reject);
		req.on('aborted', () => reject(new Error('request aborted')));
	});
}

function waitDrain(res: ServerResponse): Promise<boolean> {
	return new Promise((resolve) => {
		const done = (ok: boolean) => {
			res.off('drain', onDrain);
			res.off('close', onClose);
			resolve(ok);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		res.on('drain', onDrain);
		res.on('close', onClose);
	});
}

export async function writeAnswer(res: ServerResponse, answer: Answer, headOnly: boolean): Promise<void> {
	const headers = { ...answer.headers };
	if (answer.body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) {
		headers['Content-Length'] = String(answer.body.length);
	}
	res.writeHead(answer.status, headers);
	if (headOnly) return void res.end();
	if (!answer.chunks) {
		if (answer.cutAfter !== undefined && answer.body) {
			res.write(answer.body.subarray(0, answer.cutAfter), () => res.socket?.destroy());
			return;
		}
		return void res.end(answer.body);
	}
	let written = 0;
	for (const chunk of answer.chunks()) {
		if (res.destroyed) return;
		let piece = chunk;
		if (answer.cutAfter !== undefined && written + piece.length >= answer.cutAfter) {
			piece = piece.subarray(0, answer.cutAfter - written);
			res.write(piece, () => res.socket?.destroy());
			return;
		}
		written += piece.length;
		if (!res.write(piece) && !(await waitDrain(res))) return;
	}
	res.end();
}

export function headerRecord(req: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}
