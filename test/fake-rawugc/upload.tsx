/** POST /upload: multipart `file`, images and videos up to maxUploadBytes (100 MB), served back by storage. */
import { randomBytes } from 'crypto';
import { type Answer, jsonAnswer } from './http-util';
import { boundaryOf, parseMultipart } from './multipart';
import type { RouteContext } from './route-context';

const UPLOAD_TYPES: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/webp': 'webp',
	'video/mp4': 'mp4',
	'video/quicktime': 'mov',
	'video/webm': 'webm',
};

export function upload(context: RouteContext): Answer {
	const { fake, record, bodySize } = context;
	const invalid = (message: string) => context.invalid({ file: [message] });
	const boundary = boundaryOf(record.headers['content-type']);
	if (!boundary) return invalid('Expected a multipart/form-data body with a boundary');
	if (bodySize > record.body.length) return invalid(`File is larger than the ${fake.maxUploadBytes} byte limit`);
	let parts;
	try {
		parts = parseMultipart(record.body, boundary);
	} catch (error) {
		return invalid(`Malformed multipart body: ${(error as Error).message}`);
	}
	const file = parts.find((part) => part.name === 'file');
	if (!file) return invalid('Required');
	const contentType = (file.contentType ?? '').split(';')[0].trim().toLowerCase();
	const ext = UPLOAD_TYPES[contentType];
	if (!ext) return invalid(`Unsupported content type '${contentType || 'none'}'. Expected one of ${Object.keys(UPLOAD_TYPES).join(', ')}`);
	if (file.data.length > fake.maxUploadBytes) return invalid(`File is larger than the ${fake.maxUploadBytes} byte limit`);
	const bytes = Buffer.from(file.data);
	const url = `${fake.storageOrigin}/uploads/upl_${randomBytes(8).toString('hex')}.${ext}`;
	fake.uploads.push({ fileName: file.fileName ?? '', contentType, bytes, url });
	return jsonAnswer(200, { url, contentType, size: bytes.length }, context.headers);
}
