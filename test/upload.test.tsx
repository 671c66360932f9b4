/**
 * Binary in: input binaries uploaded with POST /upload (streamed from n8n's binary store) for
 * Image > Generate, and File > Upload, through the engine against the fake, which records the
 * multipart body so the bytes are compared one for one.
 */
import { randomBytes } from 'node:crypto';

import { FakeRawUgc } from './fake-rawugc';
import { runRawUgc } from './engine/runRawUgc';
import type { BinaryMode, EngineInputItem } from './engine/runWorkflow';
import { FAST_FAKE, withFake, type FakeHandle } from './support/fake';
import { EDIT, editParameters, expr, generateParameters } from './support/parameters';
import { generateBodies } from './support/requests';
import { expectSecretNowhere } from './support/secrets';
import { uploadLimits } from '../nodes/RawUgc/transport/upload';
import { MAX_UPLOAD_BYTES } from '../nodes/RawUgc/schema';

const handle = withFake();

const SIGNATURES: Record<string, number[]> = {
	'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
	'image/webp': [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
	'video/mp4': [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70],
};

/** A file of the given type: its signature, then random bytes. */
function fileOf(mimeType: string, size: number): Buffer {
	const head = Buffer.from(SIGNATURES[mimeType] ?? []);
	return Buffer.concat([head, randomBytes(size - head.length)]);
}

function itemWith(binary: Record<string, { data: Buffer; mimeType: string; fileName?: string }>): EngineInputItem {
	return { json: {}, binary };
}

async function run(
	fakeHandle: FakeHandle,
	options: { parameters: Record<string, unknown>; items: EngineInputItem[]; continueOnFail?: boolean; binaryMode?: BinaryMode },
) {
	return await runRawUgc({
		parameters: options.parameters as never,
		credentials: fakeHandle.credentials(),
		items: options.items,
		continueOnFail: options.continueOnFail,
		binaryMode: options.binaryMode,
	});
}

function uploadRequests(fake: FakeRawUgc) {
	return fake.apiRequests().filter((request) => request.method === 'POST' && request.path.endsWith('/upload'));
}

describe('input binaries for Image > Generate', () => {
	it('uploads the binary byte for byte (streamed, with its length) and edits it by its URL', async () => {
		const { fake } = handle;
		const photo = fileOf('image/png', 300_000);
		const result = await run(handle, {
			parameters: editParameters({ imageUrls: '', inputBinaryFields: 'data' }),
			items: [itemWith({ data: { data: photo, mimeType: 'image/png', fileName: 'holiday.png' } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads).toHaveLength(1);
		const [upload] = fake.uploads;
		expect(upload.bytes.equals(photo)).toBe(true);
		expect(upload).toMatchObject({ contentType: 'image/png', fileName: 'holiday.png' });
		// Sent with a Content-Length known before the first byte, not chunked.
		const [request] = uploadRequests(fake);
		expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(Number(request.headers['content-length'])).toBe(request.body.length);
		expect(request.headers['transfer-encoding']).toBeUndefined();
		expect(generateBodies(fake)).toEqual([expect.objectContaining({ model: EDIT, imageUrls: [upload.url] })]);
		expect(result.items[0].json.status).toBe('completed');
	});

	it('adds uploads after the typed URLs as reference images for nano-banana-2, from memory mode too', async () => {
		const { fake } = handle;
		const first = fileOf('image/jpeg', 5_000);
		const second = fileOf('image/webp', 7_000);
		const result = await run(handle, {
			parameters: generateParameters({ imageUrls: 'https://example.com/a.png', inputBinaryFields: 'first, second' }),
			items: [
				itemWith({
					first: { data: first, mimeType: 'image/jpeg', fileName: 'first.jpg' },
					second: { data: second, mimeType: 'image/webp' },
				}),
			],
			binaryMode: 'default',
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads.map((upload) => upload.contentType)).toEqual(['image/jpeg', 'image/webp']);
		expect(fake.uploads[0].bytes.equals(first)).toBe(true);
		expect(fake.uploads[1].bytes.equals(second)).toBe(true);
		expect(generateBodies(fake)).toEqual([
			expect.objectContaining({
				model: 'nano-banana-2',
				imageUrls: ['https://example.com/a.png', fake.uploads[0].url, fake.uploads[1].url],
			}),
		]);
	});

	it('reads each item its own binary fields when Input Binary Fields is an expression', async () => {
		const { fake } = handle;
		const files = [fileOf('image/png', 1_500), fileOf('image/jpeg', 2_500)];
		const result = await run(handle, {
			parameters: editParameters({ imageUrls: '', inputBinaryFields: expr('$json.field') }),
			items: [
				{ json: { field: 'front' }, binary: { front: { data: files[0], mimeType: 'image/png' } } },
				{ json: { field: 'back' }, binary: { back: { data: files[1], mimeType: 'image/jpeg' } } },
			],
		});

		expect(result.error).toBeUndefined();
		for (const [index, file] of files.entries()) {
			const upload = fake.uploads.find((candidate) => candidate.bytes.equals(file));
			expect(fake.jobs.get(result.items[index].json.imageId as string)?.imageUrls).toEqual([upload!.url]);
		}
	});

	it.each<[BinaryMode]>([['filesystem'], ['default']])('uploads each item its own binary (%s binary mode)', async (binaryMode) => {
		const { fake } = handle;
		const files = [fileOf('image/png', 2_000), fileOf('image/png', 3_000)];
		const result = await run(handle, {
			parameters: editParameters({ imageUrls: '', inputBinaryFields: 'data' }),
			items: files.map((data) => itemWith({ data: { data, mimeType: 'image/png' } })),
			binaryMode,
		});

		expect(result.error).toBeUndefined();
		const bodies = generateBodies(fake);
		expect(bodies).toHaveLength(2);
		for (const [index, file] of files.entries()) {
			const upload = fake.uploads.find((candidate) => candidate.bytes.equals(file));
			expect(upload).toBeDefined();
			const job = fake.jobs.get(result.items[index].json.imageId as string);
			expect(job?.imageUrls).toEqual([upload!.url]);
		}
	});
});

describe('bad input binaries: an error naming the item and the field, nothing sent', () => {
	afterEach(() => {
		uploadLimits.maxBytes = MAX_UPLOAD_BYTES;
	});

	const photo = () => ({ data: fileOf('image/png', 1_000), mimeType: 'image/png' });

	it.each([
		['a missing field', { data: photo() }, 'picture', /inputBinaryFields \(picture\) names no binary field .*\(it has: data\) \[item 1\]/],
		['text/plain', { picture: { data: Buffer.from('hello'), mimeType: 'text/plain' } }, 'picture', /inputBinaryFields \(picture\) is text\/plain; RawUGC takes image\/png, image\/jpeg, image\/webp \[item 1\]/],
		['a GIF', { picture: { data: Buffer.from('GIF89a....'), mimeType: 'image/gif' } }, 'picture', /inputBinaryFields \(picture\) is image\/gif/],
		['a video (the image models take images only)', { picture: { data: fileOf('video/mp4', 100), mimeType: 'video/mp4' } }, 'picture', /is video\/mp4/],
	])('%s', async (_name, binary, field, message) => {
		const { fake } = handle;
		const result = await run(handle, {
			parameters: editParameters({ imageUrls: '', inputBinaryFields: field }),
			items: [itemWith({ picture: photo() }), itemWith(binary)],
		});

		expect(result.error?.message).toMatch(message);
		expect(fake.apiRequests()).toHaveLength(0);
	});

	it('a file over the size limit (lowered here, so the test stays small)', async () => {
		const { fake } = handle;
		uploadLimits.maxBytes = 4_000;
		const result = await run(handle, {
			parameters: editParameters({ imageUrls: '', inputBinaryFields: 'data' }),
			items: [itemWith({ data: { data: fileOf('image/png', 4_001), mimeType: 'image/png' } })],
		});

		expect(result.error?.message).toMatch(/inputBinaryFields \(data\) is .*\(4001 bytes\); RawUGC takes at most .* \[item 0\]/);
		expect(fake.apiRequests()).toHaveLength(0);
	});

	it('more than 14 images with the uploads counted in', async () => {
		const { fake } = handle;
		const urls = Array.from({ length: 14 }, (_, n) => `https://example.com/${n}.png`).join('\n');
		const result = await run(handle, {
			parameters: editParameters({ imageUrls: urls, inputBinaryFields: 'data' }),
			items: [itemWith({ data: photo() })],
		});

		expect(result.error?.message).toMatch(/14/);
		expect(result.error?.message).toMatch(/\[item 0\]/);
		expect(fake.apiRequests()).toHaveLength(0);
	});
});

describe('at the limits of what an upload takes', () => {
	afterEach(() => {
		uploadLimits.maxBytes = MAX_UPLOAD_BYTES;
	});

	it('a file of exactly the size limit is uploaded (lowered here, so the test stays small)', async () => {
		const { fake } = handle;
		uploadLimits.maxBytes = 4_000;
		const photo = fileOf('image/png', 4_000);
		const result = await run(handle, {
			parameters: { resource: 'file', operation: 'upload' },
			items: [itemWith({ data: { data: photo, mimeType: 'image/png' } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads.map((upload) => upload.bytes.equals(photo))).toEqual([true]);
	});

	it('a type in capitals with a parameter (as some nodes set it) is taken, and sent as the plain type', async () => {
		const { fake } = handle;
		const result = await run(handle, {
			parameters: { resource: 'file', operation: 'upload' },
			items: [itemWith({ data: { data: fileOf('image/png', 500), mimeType: 'Image/PNG; name="scan.png"', fileName: 'scan.png' } })],
		});

		expect(result.error).toBeUndefined();
		const [request] = uploadRequests(fake);
		expect(request.body.includes('Content-Type: image/png\r\n')).toBe(true);
		expect(result.items[0].json.contentType).toBe('image/png');
	});

	it('inline base64 broken into lines (as a Code node may pass it on) is uploaded byte for byte', async () => {
		const { fake } = handle;
		const photo = fileOf('image/png', 3_000);
		const wrapped = photo.toString('base64').replace(/.{76}/g, '$&\r\n');
		const result = await run(handle, {
			parameters: { resource: 'file', operation: 'upload' },
			items: [{ json: {}, binary: { data: { inline: { data: wrapped, mimeType: 'image/png', fileName: 'scan.png' } } } }],
			binaryMode: 'default',
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads.map((upload) => upload.bytes.equals(photo))).toEqual([true]);
		expect(result.items[0].json.size).toBe(photo.length);
	});

	it('a binary with no file name is sent named after its field and type', async () => {
		const { fake } = handle;
		const result = await run(handle, {
			parameters: { resource: 'file', operation: 'upload', binaryPropertyName: 'photo' },
			items: [itemWith({ photo: { data: fileOf('image/jpeg', 500), mimeType: 'image/jpeg' } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads.map((upload) => upload.fileName)).toEqual(['photo.jpg']);
	});
});

describe('File > Upload', () => {
	const uploadParameters = (binaryPropertyName?: string) => ({
		resource: 'file',
		operation: 'upload',
		...(binaryPropertyName === undefined ? {} : { binaryPropertyName }),
	});

	it('uploads images and videos and outputs url, contentType and size per item', async () => {
		const { fake } = handle;
		const image = fileOf('image/png', 10_000);
		const video = fileOf('video/mp4', 20_000);
		const result = await run(handle, {
			parameters: uploadParameters(),
			items: [
				itemWith({ data: { data: image, mimeType: 'image/png', fileName: 'a.png' } }),
				itemWith({ data: { data: video, mimeType: 'video/mp4', fileName: 'clip.mp4' } }),
			],
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		for (const [index, [bytes, contentType]] of ([[image, 'image/png'], [video, 'video/mp4']] as const).entries()) {
			const item = result.items[index];
			const upload = fake.uploads.find((candidate) => candidate.url === item.json.url);
			expect(upload?.bytes.equals(bytes)).toBe(true);
			expect(item.json).toEqual({ url: upload!.url, contentType, size: bytes.length });
			expect(item.pairedItem).toEqual({ item: index });
		}
	});

	it('reads the binary field the parameter names', async () => {
		const { fake } = handle;
		const result = await run(handle, {
			parameters: uploadParameters('attachment'),
			items: [itemWith({ attachment: { data: fileOf('image/jpeg', 500), mimeType: 'image/jpeg' } })],
		});

		expect(result.error).toBeUndefined();
		expect(result.items[0].json.url).toBe(fake.uploads[0].url);
	});

	it('reads each item its own binary field when the parameter is an expression', async () => {
		const { fake } = handle;
		const files = [fileOf('image/png', 600), fileOf('video/mp4', 700)];
		const result = await run(handle, {
			parameters: uploadParameters(expr('$json.field')),
			items: [
				{ json: { field: 'picture' }, binary: { picture: { data: files[0], mimeType: 'image/png' } } },
				{ json: { field: 'clip' }, binary: { clip: { data: files[1], mimeType: 'video/mp4' } } },
			],
		});

		expect(result.error).toBeUndefined();
		for (const [index, file] of files.entries()) {
			expect(fake.uploads.find((upload) => upload.url === result.items[index].json.url)?.bytes.equals(file)).toBe(true);
		}
	});

	it('refuses a type POST /upload does not take before sending anything, an earlier good item\'s file included', async () => {
		const { fake } = handle;
		const result = await run(handle, {
			parameters: uploadParameters(),
			items: [
				itemWith({ data: { data: fileOf('image/png', 500), mimeType: 'image/png' } }),
				itemWith({ data: { data: Buffer.from('%PDF-1.7'), mimeType: 'application/pdf' } }),
			],
		});

		expect(result.error?.message).toMatch(/binaryPropertyName \(data\) is application\/pdf; RawUGC takes image\/png, .*video\/webm \[item 1\]/);
		expect(fake.apiRequests()).toHaveLength(0);
	});

	it('with Continue, a bad item becomes an error item and the others are uploaded', async () => {
		const { fake } = handle;
		const result = await run(handle, {
			parameters: uploadParameters(),
			items: [
				itemWith({ data: { data: fileOf('image/png', 500), mimeType: 'image/png' } }),
				{ json: {} },
				itemWith({ data: { data: fileOf('video/mp4', 500), mimeType: 'video/mp4' } }),
			],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json.url).toBeDefined();
		expect(result.items[1]).toEqual({
			json: expect.objectContaining({ error: expect.stringMatching(/binaryPropertyName \(data\) names no binary field .*\[item 1\]/) }),
			pairedItem: { item: 1 },
		});
		expect(result.items[2].json.contentType).toBe('video/mp4');
		expect(fake.uploads).toHaveLength(2);
	});

	it('an upload the API refuses is an error that names the cause', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'POST', path: '/upload' }, { status: 400, errors: { file: ['File is corrupt'] } });
		const result = await run(handle, {
			parameters: uploadParameters(),
			items: [itemWith({ data: { data: fileOf('image/png', 500), mimeType: 'image/png' } })],
		});

		expect(result.error?.message).toMatch(/RawUGC rejected the request: file: File is corrupt/);
	});

	it('sends the file again when the connection broke after sending it', async () => {
		const { fake } = handle;
		const image = fileOf('image/png', 50_000);
		fake.failNext({ method: 'POST', path: '/upload' }, { kind: 'acceptThenReset' });
		const result = await run(handle, {
			parameters: uploadParameters(),
			items: [itemWith({ data: { data: image, mimeType: 'image/png' } })],
		});

		expect(result.error).toBeUndefined();
		const requests = uploadRequests(fake);
		expect(requests).toHaveLength(2);
		// Each attempt carried the whole file: the body is made afresh, not a spent stream.
		for (const request of requests) expect(request.body.includes(image)).toBe(true);
		// The first copy was stored before the reset; the output names the one that answered.
		expect(fake.uploads).toHaveLength(2);
		expect(result.items[0].json.url).toBe(fake.uploads[1].url);
		expect(fake.uploads[1].bytes.equals(image)).toBe(true);
	});
});

describe('an upload whose connection breaks every time', () => {
	it('is an error naming the upload, the item and the network cause (in n8n\'s words), and no key', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'POST', path: '/upload' }, { kind: 'reset' }, 3);
		const result = await run(handle, {
			parameters: { resource: 'file', operation: 'upload' },
			items: [itemWith({ data: { data: fileOf('image/png', 500), mimeType: 'image/png' } })],
		});

		expect(uploadRequests(fake)).toHaveLength(3);
		expect(result.error?.message).toMatch(/^Could not reach RawUGC for uploading binary field "data" of item 0: The connection to the server was closed unexpectedly/);
		expectSecretNowhere(result, fake.apiKey);
	});
});

describe('an upload answered 429', () => {
	const limited = withFake({ ...FAST_FAKE, rateLimit: { limit: 1_000, windowMs: 1_000 } });

	it('is waited out and sent again with the whole file', async () => {
		const { fake } = limited;
		const image = fileOf('image/png', 40_000);
		fake.failNext({ method: 'POST', path: '/upload' }, { status: 429 });
		const result = await run(limited, {
			parameters: { resource: 'file', operation: 'upload' },
			items: [itemWith({ data: { data: image, mimeType: 'image/png' } })],
		});

		expect(result.error).toBeUndefined();
		const requests = uploadRequests(fake);
		expect(requests.map((request) => request.status)).toEqual([429, 200]);
		expect(requests[1].body.includes(image)).toBe(true);
		expect(fake.uploads[0].bytes.equals(image)).toBe(true);
	});
});
