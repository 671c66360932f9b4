/**
 * Result audio (music): each format's real header, then media.tsx filler up to the requested
 * size (framed where the format has frames). Not playable, valid-looking. Ogg is in ogg.tsx.
 */
import { type FileFormat, fillerChunks, fillerSource } from './media';
import { isoMedia } from './video-files';

// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, joint stereo, no padding: 417-byte frames.
const MP3_FRAME_HEADER = Buffer.from([0xff, 0xfb, 0x90, 0x64]);
const MP3_FRAME = 417;

/** ID3v2.4 tag with one TIT2 (title) frame. */
function id3Tag(): Buffer {
	const text = Buffer.from('\u0003Fake RawUGC track', 'latin1');
	const frame = Buffer.concat([Buffer.from('TIT2', 'latin1'), syncSafe(text.length), Buffer.from([0, 0]), text]);
	return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 4, 0, 0]), syncSafe(frame.length), frame]);
}

function syncSafe(value: number): Buffer {
	return Buffer.from([(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f]);
}

/** MPEG audio frames (header + filler), the last one cut short at `size`. */
function* mp3Frames(seedId: string, size: number): Generator<Buffer> {
	const next = fillerSource(seedId);
	let batch: Buffer[] = [];
	let batched = 0;
	for (let left = size; left > 0; ) {
		const frame = Buffer.concat([MP3_FRAME_HEADER, next(MP3_FRAME - 4)]).subarray(0, Math.min(MP3_FRAME, left));
		left -= frame.length;
		batch.push(frame);
		batched += frame.length;
		if (batched >= 64 * 1024) {
			yield Buffer.concat(batch);
			batch = [];
			batched = 0;
		}
	}
	if (batched) yield Buffer.concat(batch);
}

const ID3 = id3Tag();

export const MP3: FileFormat = {
	ext: 'mp3',
	contentType: 'audio/mpeg',
	minimumSize: ID3.length + MP3_FRAME_HEADER.length,
	*chunks(seedId, size) {
		yield ID3;
		yield* mp3Frames(seedId, size - ID3.length);
	},
};

export const MP3_RAW: FileFormat = {
	ext: 'mp3',
	contentType: 'audio/mpeg',
	minimumSize: MP3_FRAME_HEADER.length,
	chunks: mp3Frames,
};

/** RIFF/WAVE, 16-bit stereo PCM at 44.1 kHz, the data chunk all filler. */
export const WAV: FileFormat = {
	ext: 'wav',
	contentType: 'audio/wav',
	minimumSize: 44,
	*chunks(seedId, size) {
		const header = Buffer.alloc(44);
		header.write('RIFF', 0, 'latin1');
		header.writeUInt32LE(size - 8, 4);
		header.write('WAVEfmt ', 8, 'latin1');
		header.writeUInt32LE(16, 16);
		header.writeUInt16LE(1, 20); // PCM
		header.writeUInt16LE(2, 22);
		header.writeUInt32LE(44100, 24);
		header.writeUInt32LE(44100 * 4, 28);
		header.writeUInt16LE(4, 32);
		header.writeUInt16LE(16, 34);
		header.write('data', 36, 'latin1');
		header.writeUInt32LE(size - 44, 40);
		yield header;
		yield* fillerChunks(fillerSource(seedId), size - 44);
	},
};

export const M4A = isoMedia('m4a', 'audio/mp4', 'M4A', ['M4A', 'mp42', 'isom']);

/** "fLaC", a last STREAMINFO block (44.1 kHz, stereo, 16 bit), then a frame sync and filler. */
function flacHead(): Buffer {
	const info = Buffer.alloc(34);
	info.writeUInt16BE(4096, 0);
	info.writeUInt16BE(4096, 2);
	const packed = (BigInt(44100) << 44n) | (1n << 41n) | (15n << 36n); // rate, channels-1, bits-1, samples unknown
	info.writeBigUInt64BE(packed, 10);
	return Buffer.concat([Buffer.from('fLaC', 'latin1'), Buffer.from([0x80, 0, 0, 34]), info, Buffer.from([0xff, 0xf8])]);
}
const FLAC_HEAD = flacHead();

export const FLAC: FileFormat = {
	ext: 'flac',
	contentType: 'audio/flac',
	minimumSize: FLAC_HEAD.length,
	*chunks(seedId, size) {
		yield FLAC_HEAD;
		yield* fillerChunks(fillerSource(seedId), size - FLAC_HEAD.length);
	},
};
