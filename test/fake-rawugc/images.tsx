/**
 * Deterministic result images (and album art) of any size: each a valid 1x1 image (PNG or
 * baseline JPEG) padded to the requested size with a private ancillary PNG chunk or JPEG
 * comment segments of media.tsx filler.
 */
import * as zlib from 'zlib';
import { type FileFormat, fillerChunks, fillerSource, seed } from './media';

export type ImageKind = 'png' | 'jpeg';

export function imageKindOf(outputFormat: string): ImageKind {
	return outputFormat === 'png' ? 'png' : 'jpeg';
}

// ---- CRC32 (native zlib.crc32 from Node 22.2; table fallback otherwise) ----
const nativeCrc = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;
let crcTable: Uint32Array | undefined;
function crc32(data: Buffer, previous = 0): number {
	if (nativeCrc) return nativeCrc(data, previous);
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let c = (previous ^ 0xffffffff) >>> 0;
	for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, data: Buffer): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
	return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_FILLER_TYPE = 'fkDa'; // ancillary, private, safe to copy: decoders skip it

function pngParts(imageId: string): { head: Buffer; tail: Buffer } {
	const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1x1, 8-bit RGB
	const rgb = seed(imageId).subarray(16, 19);
	const idat = zlib.deflateSync(Buffer.concat([Buffer.from([0]), rgb]));
	return {
		head: Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr)]),
		tail: Buffer.concat([pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]),
	};
}

function* pngChunks(imageId: string, size: number): Generator<Buffer> {
	const { head, tail } = pngParts(imageId);
	const fillerLength = Math.max(0, size - head.length - tail.length - 12);
	yield head;
	const chunkHead = Buffer.alloc(8);
	chunkHead.writeUInt32BE(fillerLength, 0);
	chunkHead.write(PNG_FILLER_TYPE, 4, 'latin1');
	yield chunkHead;
	let crc = crc32(chunkHead.subarray(4));
	const next = fillerSource(imageId);
	for (const piece of fillerChunks(next, fillerLength)) {
		crc = crc32(piece, crc);
		yield piece;
	}
	const crcBytes = Buffer.alloc(4);
	crcBytes.writeUInt32BE(crc, 0);
	yield Buffer.concat([crcBytes, tail]);
}

// A 1x1 mid-grey baseline JPEG: JFIF header, then (filler comments), then tables, scan, EOI.
const JPEG_HEAD = Buffer.from([
	0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
	0x01, 0x00, 0x00,
]);
const JPEG_TAIL = Buffer.concat([
	Buffer.from([0xff, 0xdb, 0x00, 0x43, 0x00]),
	Buffer.alloc(64, 1), // quantisation table: all ones
	Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]), // SOF0 1x1 grey
	Buffer.from([0xff, 0xc4, 0x00, 0x14, 0x00, 1, ...new Array(15).fill(0), 0x00]), // DC table: one code
	Buffer.from([0xff, 0xc4, 0x00, 0x14, 0x10, 1, ...new Array(15).fill(0), 0x00]), // AC table: EOB only
	Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]), // SOS
	Buffer.from([0x3f]), // DC diff 0, EOB, padded with ones
	Buffer.from([0xff, 0xd9]),
]);
const MAX_SEGMENT = 65537; // marker (2) + length (2) + 65533 data bytes

function* jpegChunks(imageId: string, size: number): Generator<Buffer> {
	yield JPEG_HEAD;
	const next = fillerSource(imageId);
	// At least one comment segment, so every image carries id-specific bytes.
	let left = Math.max(4, size - JPEG_HEAD.length - JPEG_TAIL.length);
	while (left > 0) {
		let segment = left <= MAX_SEGMENT ? left : MAX_SEGMENT;
		if (left - segment > 0 && left - segment < 4) segment -= 4; // leave room for a whole segment
		const header = Buffer.from([0xff, 0xfe, 0, 0]);
		header.writeUInt16BE(segment - 2, 2);
		yield header;
		yield* fillerChunks(next, segment - 4);
		left -= segment;
	}
	yield JPEG_TAIL;
}

export const PNG: FileFormat = {
	ext: 'png',
	contentType: 'image/png',
	minimumSize: 8 + 25 + 12 + pngParts('x').tail.length,
	chunks: pngChunks,
};

export const JPEG: FileFormat = {
	ext: 'jpg',
	contentType: 'image/jpeg',
	minimumSize: JPEG_HEAD.length + 4 + JPEG_TAIL.length,
	chunks: jpegChunks,
};
