/** The storage host: result images and uploads, no auth, with fault modes for downloads. */
import type { FakeRawUgc } from './index';
import type { Answer } from './http-util';
import { imageChunks, imageKindOf } from './images';
import { jobStatus, resultContentType } from './jobs';
import type { RecordedRequest } from './types';

const LOGIN_PAGE = Buffer.from(
	'<!doctype html>\n<html><head><title>Sign in</title></head><body><form action="/login" method="post">' +
		'<input name="email"><input name="password" type="password"><button>Sign in</button></form></body></html>\n',
);

function notFound(): Answer {
	return {
		status: 404,
		headers: { 'Content-Type': 'application/xml' },
		body: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code></Error>'),
	};
}

export function handleStorage(fake: FakeRawUgc, record: RecordedRequest): Answer {
	if (record.method !== 'GET' && record.method !== 'HEAD') {
		return { status: 405, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('Method Not Allowed') };
	}
	const upload = fake.uploads.find((entry) => new URL(entry.url).pathname === record.path);
	if (upload) {
		return {
			status: 200,
			headers: { 'Content-Type': upload.contentType, 'Content-Length': String(upload.bytes.length) },
			body: upload.bytes,
		};
	}
	const match = /^\/results\/(img_[0-9a-f]+)\.([a-z]+)$/.exec(record.path);
	const job = match ? fake.jobs.get(match[1]) : undefined;
	if (!job || !match || match[2] !== job.outputFormat || jobStatus(job) !== 'completed') return notFound();

	const mode = fake.takeStorageMode(job.imageId);
	if (mode === 'notFound') return notFound();
	if (mode === 'html') {
		return {
			status: 200,
			headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(LOGIN_PAGE.length) },
			body: LOGIN_PAGE,
		};
	}
	const size = job.resultSize;
	const contentType = typeof mode === 'object' && 'contentType' in mode ? mode.contentType : resultContentType(job);
	return {
		status: 200,
		headers: { 'Content-Type': contentType, 'Content-Length': String(size) },
		chunks: () => imageChunks(job.imageId, imageKindOf(job.outputFormat), size),
		cutAfter: typeof mode === 'object' && 'truncate' in mode ? Math.floor(size / 2) : undefined,
	};
}
