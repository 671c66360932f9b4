/**
 * The fake's sample mode (npm start): files a person can open, each well under a megabyte, in the
 * formats the real API gives. Pictures are decoded here as far as node can (PNG: chunk CRCs,
 * inflated scanlines; JPEG: its frame); the real-n8n run opens all of them in Chromium.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { crc32, inflateSync } from 'zlib';

import { FakeRawUgc } from './fake-rawugc';
import { getJson, type Json, post, waitForStatus } from './fake-rawugc/client';

let fake: FakeRawUgc;
const MB = 1024 * 1024;
const PROMPT = 'A cosy reading nook by a rainy window';

beforeAll(async () => {
	fake = await FakeRawUgc.start({ sampleMedia: true, jobDurationMs: 0, rateLimit: { limit: 10_000, windowMs: 60_000 } });
});
afterAll(async () => await fake.stop());

async function finished(collection: string, body: Json, idField: string): Promise<Json> {
	const response = await post(fake, `/${collection}/generate`, body);
	expect(response.status).toBe(201);
	const id = String(((await response.json()) as Json)[idField]);
	return await waitForStatus(fake, `/${collection}/${id}`, 'completed');
}

async function download(url: unknown): Promise<{ bytes: Buffer; type: string | null }> {
	const response = await fetch(String(url));
	expect(response.status).toBe(200);
	return { bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

/** Width and height of a PNG whose chunks all carry a right CRC and whose scanlines inflate to the full picture. */
function decodePng(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const idat: Buffer[] = [];
	let width = 0;
	let height = 0;
	for (let at = 8; at < bytes.length; ) {
		const length = bytes.readUInt32BE(at);
		const type = bytes.toString('latin1', at + 4, at + 8);
		const data = bytes.subarray(at + 8, at + 8 + length);
		expect(bytes.readUInt32BE(at + 8 + length)).toBe(crc32(bytes.subarray(at + 4, at + 8 + length)));
		if (type === 'IHDR') [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
		if (type === 'IDAT') idat.push(data);
		at += 12 + length;
	}
	expect(inflateSync(Buffer.concat(idat)).length).toBe(height * (1 + width * 3));
	return { width, height };
}

/** Width and height from a baseline JPEG's SOF0, walking its segments from SOI to the scan. */
function jpegFrame(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
	expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
	for (let at = 2; at < bytes.length; at += 2 + bytes.readUInt16BE(at + 2)) {
		expect(bytes[at]).toBe(0xff);
		if (bytes[at + 1] === 0xc0) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
		if (bytes[at + 1] === 0xda) break;
	}
	throw new Error('no SOF0 before the scan');
}

test('an image is a picture of the prompt: JPEG by default, PNG when asked, shaped by the aspect ratio', async () => {
	const jpeg = await finished('images', { prompt: PROMPT, model: 'nano-banana-2', aspectRatio: '16:9' }, 'imageId');
	const jpegFile = await download(jpeg.url);
	expect(jpegFile.type).toBe('image/jpeg');
	expect(jpegFrame(jpegFile.bytes)).toEqual({ width: 1024, height: 576 });
	expect(jpegFile.bytes.length).toBeLessThan(MB / 10);
	expect(jpegFile.bytes).toEqual(fake.resultBytes(String(jpeg.imageId)));

	const png = await finished('images', { prompt: 'a red bicycle', model: 'nano-banana-2', aspectRatio: '9:16', outputFormat: 'png' }, 'imageId');
	const pngFile = await download(png.url);
	expect(pngFile.type).toBe('image/png');
	expect(decodePng(pngFile.bytes)).toEqual({ width: 576, height: 1024 });
	expect(pngFile.bytes.length).toBeLessThan(MB / 10);
	expect(fake.resultDigest(String(png.imageId))?.size).toBe(pngFile.bytes.length);

	// The prompt is drawn into the picture: another prompt, other pixels.
	const other = await finished('images', { prompt: 'a blue boat', model: 'nano-banana-2', aspectRatio: '16:9' }, 'imageId');
	expect((await download(other.url)).bytes).not.toEqual(jpegFile.bytes);
});

test('a video is the 4 s H.264 MP4 sample, its edits too', async () => {
	const sample = readFileSync(path.join(__dirname, 'fake-rawugc', 'samples', 'sample.mp4'));
	const video = await finished('videos', { prompt: PROMPT, model: 'sora-2-text-to-video' }, 'videoId');
	const file = await download(video.url);
	expect(file.type).toBe('video/mp4');
	expect(file.bytes).toEqual(sample);
	expect(file.bytes.toString('latin1', 4, 12)).toBe('ftypisom');
	expect(file.bytes.includes(Buffer.from('avc1'))).toBe(true);
	expect(file.bytes.length).toBeLessThan(MB / 10);

	const edit = await post(fake, `/videos/${String(video.videoId)}/captions`, { language: 'English' });
	const edited = (await edit.json()) as Json;
	expect((await download(edited.url)).bytes).toEqual(sample);
});

test('a track is the 4 s MP3 sample with square album art showing its title', async () => {
	const sample = readFileSync(path.join(__dirname, 'fake-rawugc', 'samples', 'sample.mp3'));
	const track = await finished('music', { prompt: 'calm piano', title: 'Rainy nook' }, 'musicId');
	const audio = await download(track.audioUrl);
	expect(audio.type).toBe('audio/mpeg');
	expect(audio.bytes).toEqual(sample);
	expect(audio.bytes.toString('latin1', 0, 3)).toBe('ID3');
	expect(audio.bytes.length).toBeLessThan(MB / 10);
	const art = await download(track.albumArtUrl);
	expect(jpegFrame(art.bytes)).toEqual({ width: 768, height: 768 });
	expect((await getJson(fake, `/music/${String(track.musicId)}`)).duration).toBe(4); // what the sample plays
});

test('without sample mode the files stay the deterministic filler the byte checks rely on', async () => {
	const plain = await FakeRawUgc.start({ jobDurationMs: 0 });
	try {
		const response = await post(plain, '/images/generate', { prompt: PROMPT, model: 'nano-banana-2' });
		const id = String(((await response.json()) as Json).imageId);
		const job = await waitForStatus(plain, `/images/${id}`, 'completed');
		expect((await download(job.url)).bytes.length).toBe(200);
	} finally {
		await plain.stop();
	}
});
