/** The storage host: result files of every kind and uploads, no auth, with fault modes for downloads. */
import { gzipSync } from 'zlib';

import { FILE_FORMATS, fileBytes, fileChunks } from './files';
import type { FakeRawUgc } from './index';
import type { Answer } from './http-util';
import { jobStatus } from './job-core';
import { filesOf, idOf } from './jobs';
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
	// /results/<id>.<ext> or /results/<id>-<role>.<ext>: the job's id is the name up to '.' or '-'.
	const match = /^\/results\/(([a-z]+_[0-9a-z]+)[^/]*)$/.exec(record.path);
	const found = match ? fake.store.findAny(match[2]) : undefined;
	if (!match || !found || idOf(found.kind, found.job) !== match[2] || jobStatus(found.job) !== 'completed') return notFound();
	const file = filesOf(found.kind, found.job).find((candidate) => candidate.name === match[1]);
	if (!file) return notFound();

	const mode = fake.takeStorageMode(match[2]);
	if (mode === 'notFound') return notFound();
	if (mode === 'html') {
		return {
			status: 200,
			headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(LOGIN_PAGE.length) },
			body: LOGIN_PAGE,
		};
	}
	if (typeof mode === 'object' && 'gzip' in mode) {
		const accepts = /\bgzip\b/i.test(record.headers['accept-encoding'] ?? '');
		if (mode.gzip === 'always' || accepts) {
			const body = gzipSync(fileBytes(file));
			const headers = { 'Content-Type': FILE_FORMATS[file.format].contentType, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) };
			return { status: 200, headers, body };
		}
	}
	if (typeof mode === 'object' && 'bytes' in mode) {
		const headers = { 'Content-Type': mode.contentType ?? 'application/octet-stream', 'Content-Length': String(mode.bytes.length) };
		return { status: 200, headers, body: mode.bytes };
	}
	const contentType = typeof mode === 'object' && 'contentType' in mode ? mode.contentType : FILE_FORMATS[file.format].contentType;
	return {
		status: 200,
		headers: { 'Content-Type': contentType, 'Content-Length': String(file.size) },
		chunks: () => fileChunks(file),
		cutAfter: typeof mode === 'object' && 'truncate' in mode ? Math.floor(file.size / 2) : undefined,
	};
}
