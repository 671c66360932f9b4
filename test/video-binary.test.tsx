/**
 * Binary inputs of Video > Generate: images (Sora image to video, Veo, Kling) and Kling's
 * reference video come from the incoming item, are uploaded byte for byte (POST /upload,
 * streamed) and their URLs go in the request; type, size and counts are checked first.
 */
import { randomBytes } from 'node:crypto';

import type { EngineInputItem } from './engine/runWorkflow';
import { withFake } from './support/fake';
import { KLING, klingParameters, SORA_IMAGE, VEO, videoParameters } from './support/parameters';
import { videoBodies } from './support/requests';
import { runNode } from './support/run';
import { uploadLimits } from '../nodes/RawUgc/transport/upload';
import { MAX_UPLOAD_BYTES } from '../nodes/RawUgc/schema';

const handle = withFake();

const SIGNATURES: Record<string, number[]> = {
	'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
	'image/jpeg': [0xff, 0xd8, 0xff, 0xe0],
	'video/mp4': [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d],
	'video/webm': [0x1a, 0x45, 0xdf, 0xa3],
	'video/quicktime': [0, 0, 0, 0x14, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20],
};

function fileOf(mimeType: string, size: number): Buffer {
	const head = Buffer.from(SIGNATURES[mimeType] ?? []);
	return Buffer.concat([head, randomBytes(size - head.length)]);
}

type Binaries = Record<string, { data: Buffer; mimeType: string; fileName?: string }>;
const itemWith = (binary: Binaries): EngineInputItem => ({ json: {}, binary });

afterEach(() => {
	uploadLimits.maxBytes = MAX_UPLOAD_BYTES;
});

describe('uploaded and sent', () => {
	it('Kling: the image and the reference video (MP4), each byte for byte, their URLs in imageUrls and videoUrls', async () => {
		const { fake } = handle;
		const photo = fileOf('image/png', 40_000);
		const clip = fileOf('video/mp4', 600_000);
		const result = await runNode(handle, {
			parameters: klingParameters({ imageUrls: '', inputBinaryFields: 'photo', videoUrls: '', inputVideoBinaryField: 'clip' }),
			items: [itemWith({ photo: { data: photo, mimeType: 'image/png', fileName: 'me.png' }, clip: { data: clip, mimeType: 'video/mp4', fileName: 'dance.mp4' } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads.map((upload) => [upload.contentType, upload.fileName])).toEqual([
			['image/png', 'me.png'],
			['video/mp4', 'dance.mp4'],
		]);
		expect(fake.uploads[0].bytes.equals(photo)).toBe(true);
		expect(fake.uploads[1].bytes.equals(clip)).toBe(true);
		expect(videoBodies(fake)).toEqual([{ model: KLING, imageUrls: [fake.uploads[0].url], videoUrls: [fake.uploads[1].url] }]);
		expect(result.items[0].json.status).toBe('completed');
	});

	it.each([
		['WebM', 'video/webm', 'ref.webm'],
		['QuickTime', 'video/quicktime', 'ref.mov'],
	])('Kling: a %s reference video is taken too', async (_name, mimeType, fileName) => {
		const { fake } = handle;
		const clip = fileOf(mimeType, 20_000);
		const result = await runNode(handle, {
			parameters: klingParameters({ videoUrls: '', inputVideoBinaryField: 'clip' }),
			items: [itemWith({ clip: { data: clip, mimeType, fileName } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads).toHaveLength(1);
		expect(fake.uploads[0]).toMatchObject({ contentType: mimeType, fileName });
		expect(fake.uploads[0].bytes.equals(clip)).toBe(true);
		expect(videoBodies(fake)[0].videoUrls).toEqual([fake.uploads[0].url]);
	});

	it('Sora image to video: uploads join after the typed URLs, in the order named', async () => {
		const { fake } = handle;
		const first = fileOf('image/jpeg', 5_000);
		const second = fileOf('image/png', 6_000);
		const result = await runNode(handle, {
			parameters: videoParameters({ model: SORA_IMAGE, imageUrls: 'https://example.com/a.png', inputBinaryFields: 'first, second' }),
			items: [itemWith({ first: { data: first, mimeType: 'image/jpeg' }, second: { data: second, mimeType: 'image/png' } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads[0].bytes.equals(first)).toBe(true);
		expect(fake.uploads[1].bytes.equals(second)).toBe(true);
		expect(videoBodies(fake)[0].imageUrls).toEqual(['https://example.com/a.png', fake.uploads[0].url, fake.uploads[1].url]);
	});

	it('a binary field named for another model is not uploaded (Sora text to video takes no images)', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: videoParameters({ inputBinaryFields: 'photo', inputVideoBinaryField: 'clip' }),
			items: [itemWith({ photo: { data: fileOf('image/png', 100), mimeType: 'image/png' } })],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads).toEqual([]);
		expect(Object.keys(videoBodies(fake)[0]).sort()).toEqual(['model', 'prompt']);
	});
});

describe('refused before anything is sent, naming the field and the item', () => {
	const photo = () => ({ data: fileOf('image/png', 1_000), mimeType: 'image/png' });
	const clip = () => ({ data: fileOf('video/mp4', 1_000), mimeType: 'video/mp4' });

	it.each([
		['an image as the reference video', klingParameters({ videoUrls: '', inputVideoBinaryField: 'photo' }), /inputVideoBinaryField \(photo\) is image\/png; RawUGC takes video\/mp4, video\/quicktime, video\/webm \[item 0\]/],
		['a video among the images', klingParameters({ imageUrls: '', inputBinaryFields: 'clip' }), /inputBinaryFields \(clip\) is video\/mp4; RawUGC takes image\/png, image\/jpeg, image\/webp \[item 0\]/],
		['a reference video URL and a binary too', klingParameters({ inputVideoBinaryField: 'clip' }), /videoUrls takes at most 1 reference video in all \(videoUrls and inputVideoBinaryField together\), got 2 \[item 0\]/],
		['two reference video binaries', klingParameters({ videoUrls: '', inputVideoBinaryField: 'clip, clip2' }), /videoUrls takes at most 1 reference video/],
		['Veo: one URL and two image binaries', videoParameters({ model: VEO, imageUrls: 'https://example.com/a.png', inputBinaryFields: 'photo, photo2' }), /imageUrls takes at most 2 images in all \(imageUrls and inputBinaryFields together\), got 3 \[item 0\]/],
	])('%s', async (_name, parameters, message) => {
		const result = await runNode(handle, {
			parameters,
			items: [itemWith({ photo: photo(), photo2: photo(), clip: clip(), clip2: clip() })],
		});

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('a reference video over the size limit (lowered here, so the test stays small)', async () => {
		uploadLimits.maxBytes = 50_000;
		const result = await runNode(handle, {
			parameters: klingParameters({ videoUrls: '', inputVideoBinaryField: 'clip' }),
			items: [itemWith({ clip: { data: fileOf('video/mp4', 50_001), mimeType: 'video/mp4' } })],
		});

		expect(result.error?.message).toMatch(/inputVideoBinaryField \(clip\) is .*\(50001 bytes\); RawUGC takes at most .* \[item 0\]/);
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});
