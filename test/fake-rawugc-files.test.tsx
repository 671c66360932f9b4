/** The fake's result files: each format's signature, exact sizes, and a 150 MB video streamed with flat memory. */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { once } from 'events';
import { readFileSync } from 'fs';
import { join } from 'path';
import { createInterface } from 'readline';
import { FakeRawUgc } from './fake-rawugc';
import { post } from './fake-rawugc/client';
import { FILE_FORMATS, type FileFormatName, fileBytes } from './fake-rawugc/files';

const SIGNATURES: Record<FileFormatName, (bytes: Buffer) => boolean> = {
	png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
	jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
	mp4: (b) => b.subarray(4, 12).toString('latin1') === 'ftypisom',
	mov: (b) => b.subarray(4, 12).toString('latin1') === 'ftypqt  ',
	webm: (b) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) && b.includes(Buffer.from('webm')),
	mp3: (b) => b.subarray(0, 3).toString('latin1') === 'ID3',
	'mp3-raw': (b) => b[0] === 0xff && (b[1] & 0xe0) === 0xe0,
	wav: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WAVE',
	m4a: (b) => b.subarray(4, 12).toString('latin1') === 'ftypM4A ',
	ogg: (b) => b.subarray(0, 4).toString('latin1') === 'OggS' && b.subarray(28, 36).toString('latin1') === 'OpusHead',
	flac: (b) => b.subarray(0, 4).toString('latin1') === 'fLaC',
};

const FORMATS = Object.keys(FILE_FORMATS) as FileFormatName[];

test.each(FORMATS)('%s: its signature, exactly the size asked for (at least its minimum), deterministic per id', (format) => {
	for (const size of [0, 100, 5_000, 70_000, 200_003]) {
		const bytes = fileBytes({ format, seedId: 'vid_1', size: Math.max(size, FILE_FORMATS[format].minimumSize) });
		expect(SIGNATURES[format](bytes)).toBe(true);
		expect(bytes.length).toBe(Math.max(size, FILE_FORMATS[format].minimumSize));
	}
	const one = fileBytes({ format, seedId: 'a', size: 3000 });
	expect(fileBytes({ format, seedId: 'a', size: 3000 }).equals(one)).toBe(true);
	expect(fileBytes({ format, seedId: 'b', size: 3000 }).equals(one)).toBe(false);
});

test('the container sizes add up: ISO boxes, the RIFF and data chunks, the WebM segment', () => {
	const mp4 = fileBytes({ format: 'mp4', seedId: 'x', size: 10_000 });
	const ftyp = mp4.readUInt32BE(0);
	expect(mp4.subarray(ftyp + 4, ftyp + 8).toString('latin1')).toBe('mdat');
	expect(ftyp + mp4.readUInt32BE(ftyp)).toBe(10_000);
	const wav = fileBytes({ format: 'wav', seedId: 'x', size: 10_000 });
	expect(wav.readUInt32LE(4)).toBe(10_000 - 8);
	expect(wav.readUInt32LE(40)).toBe(10_000 - 44);
	const webm = fileBytes({ format: 'webm', seedId: 'x', size: 10_000 });
	expect(webm.subarray(36, 40)).toEqual(Buffer.from([0x18, 0x53, 0x80, 0x67]));
	expect(Number(webm.readBigUInt64BE(40) & 0x00ffffffffffffffn)).toBe(10_000 - 48);
});

/** Ogg pages back to back, each with a correct CRC (polynomial 0x04c11db7, computed with the field zeroed). */
function oggPages(bytes: Buffer): number {
	const table = Array.from({ length: 256 }, (_, n) => {
		let c = n << 24;
		for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
		return c >>> 0;
	});
	let pages = 0;
	for (let at = 0; at < bytes.length; pages++) {
		expect(bytes.subarray(at, at + 4).toString('latin1')).toBe('OggS');
		const segments = bytes[at + 26];
		const lacing = bytes.subarray(at + 27, at + 27 + segments);
		const length = 27 + segments + lacing.reduce((sum, value) => sum + value, 0);
		const page = Buffer.from(bytes.subarray(at, at + length));
		const stored = page.readUInt32LE(22);
		page.writeUInt32LE(0, 22);
		let crc = 0;
		for (const byte of page) crc = ((crc << 8) ^ table[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
		expect(crc).toBe(stored);
		at += length;
	}
	return pages;
}

test('Ogg: whole pages with valid CRCs up to exactly the size asked for, whatever the size', () => {
	for (const size of [FILE_FORMATS.ogg.minimumSize, 1_000, 65_307 + 102 + 10, 200_000, 200_255]) {
		const bytes = fileBytes({ format: 'ogg', seedId: 'mus_1', size });
		expect(bytes.length).toBe(size);
		expect(oggPages(bytes)).toBeGreaterThanOrEqual(3);
	}
});

test.each([
	['video', { videoFormat: 'webm' as const }, 'video/webm', 'webm'],
	['video', { videoFormat: 'mov' as const }, 'video/quicktime', 'mov'],
	['music', { audioFormat: 'flac' as const }, 'audio/flac', 'flac'],
	['music', { audioFormat: 'mp3-raw' as const }, 'audio/mpeg', 'mp3-raw'],
])('storage serves a %s in the format chosen by option (%j)', async (kind, options, contentType, format) => {
	const fake = await FakeRawUgc.start({ jobDurationMs: 0, resultBytes: 3_000, ...options });
	try {
		const body = kind === 'video' ? { model: 'veo3', prompt: 'x' } : { prompt: 'x' };
		const answer = (await (await post(fake, `/${kind === 'video' ? 'videos' : 'music'}/generate`, body)).json()) as Record<string, string>;
		const id = answer.videoId ?? answer.musicId;
		const job = (await (await fetch(`${fake.baseUrl}/${kind === 'video' ? 'videos' : 'music'}/${id}`, { headers: { authorization: `Bearer ${fake.apiKey}` } })).json()) as Record<string, string>;
		const download = await fetch(job.url ?? job.audioUrl);
		expect(download.headers.get('content-type')).toBe(contentType);
		const bytes = Buffer.from(await download.arrayBuffer());
		expect(SIGNATURES[format as FileFormatName](bytes)).toBe(true);
		expect(bytes.length).toBe(3_000);
	} finally {
		await fake.stop();
	}
});

/** Resident memory of a process now (Linux), in bytes. */
function rss(pid: number): number {
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match![1]) * 1024;
}

test('a 150 MB video is streamed by the fake in its own process: exact bytes, and its memory stays flat', async () => {
	const size = 150 * 1024 * 1024;
	const child = spawn(
		process.execPath,
		[require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, 'fake-rawugc', 'cli.tsx'), JSON.stringify({ jobDurationMs: 0, resultBytes: { video: size }, maxLifetimeSeconds: 120 })],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	try {
		const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
		const started = JSON.parse(line) as { baseUrl: string; storageOrigin: string; apiKey: string; pid: number };
		const headers = { authorization: `Bearer ${started.apiKey}`, 'content-type': 'application/json' };
		const submit = await fetch(`${started.baseUrl}/videos/generate`, { method: 'POST', headers, body: JSON.stringify({ model: 'veo3', prompt: 'long' }) });
		const { videoId } = (await submit.json()) as { videoId: string };
		const control = new URL(`/__fake/result/${videoId}`, started.baseUrl);
		const expected = (await (await fetch(control)).json()) as { size: number; sha256: string; contentType: string };
		expect(expected).toMatchObject({ size, contentType: 'video/mp4' });

		const before = rss(started.pid);
		let peak = before;
		const hash = createHash('sha256');
		let received = 0;
		const download = await fetch(`${started.storageOrigin}/results/${videoId}.mp4`);
		expect(download.headers.get('content-length')).toBe(String(size));
		const reader = download.body!.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			hash.update(value);
			received += value.length;
			if (received % (4 * 1024 * 1024) < value.length) peak = Math.max(peak, rss(started.pid));
		}
		expect(received).toBe(size);
		expect(hash.digest('hex')).toBe(expected.sha256);
		const growth = peak - before;
		process.stdout.write(`150 MB download: the fake's RSS peaked ${(growth / 1024 / 1024).toFixed(1)} MB above ${(before / 1024 / 1024).toFixed(0)} MB\n`);
		expect(growth).toBeLessThan(size / 4);
	} finally {
		child.kill('SIGTERM');
		await once(child, 'exit');
	}
});
