/**
 * Result audio as Ogg Opus: real pages with real CRCs (an OpusHead page, an OpusTags page, then
 * pages of media.tsx filler), the last page sized so the file is exactly the requested size.
 */
import { type FileFormat, fillerSource } from './media';

const MAX_SEGMENTS = 255;
const HEADER = 27;
const MAX_PAGE = HEADER + MAX_SEGMENTS + MAX_SEGMENTS * 255;
const SERIAL = 0x52415755; // "RAWU"

// Ogg's CRC-32: polynomial 0x04c11db7, not reflected, no initial or final xor.
const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n << 24;
		for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function oggCrc(data: Buffer): number {
	let crc = 0;
	for (let i = 0; i < data.length; i++) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ data[i]) & 0xff]) >>> 0;
	return crc;
}

/** One page holding `data` in `segments` lacing values: all 255 but the last (a last 255 continues the packet). */
function page(data: Buffer, sequence: number, flags: number, segments = Math.max(1, Math.ceil(data.length / 255))): Buffer {
	const lacing = Buffer.alloc(segments, 255);
	lacing[segments - 1] = data.length - 255 * (segments - 1);
	const header = Buffer.alloc(HEADER);
	header.write('OggS', 0, 'latin1');
	header[5] = flags;
	header.writeBigInt64LE(-1n, 6); // granule: no packet ends here as far as players care
	header.writeUInt32LE(SERIAL, 14);
	header.writeUInt32LE(sequence, 18);
	header[26] = segments;
	const bytes = Buffer.concat([header, lacing, data]);
	bytes.writeUInt32LE(oggCrc(bytes), 22);
	return bytes;
}

/**
 * Segments and data length of a page of exactly `total` bytes (28..MAX_PAGE): s segments hold
 * 255(s-1) to 255s bytes, so pages of 256s-228 to 256s+27 bytes need s segments.
 */
function layoutFor(total: number): { segments: number; length: number } {
	const segments = Math.max(1, Math.ceil((total - HEADER) / 256));
	return { segments, length: total - HEADER - segments };
}

function opusHead(): Buffer {
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'latin1');
	head[8] = 1;
	head[9] = 2; // channels
	head.writeUInt16LE(312, 10);
	head.writeUInt32LE(48000, 12);
	return head;
}

function opusTags(): Buffer {
	const vendor = Buffer.from('fake-rawugc', 'latin1');
	const length = Buffer.alloc(4);
	length.writeUInt32LE(vendor.length, 0);
	return Buffer.concat([Buffer.from('OpusTags', 'latin1'), length, vendor, Buffer.alloc(4)]);
}

const HEAD_PAGES = Buffer.concat([page(opusHead(), 0, 0x02), page(opusTags(), 1, 0)]);

export const OGG: FileFormat = {
	ext: 'ogg',
	contentType: 'audio/ogg',
	minimumSize: HEAD_PAGES.length + HEADER + 1,
	*chunks(seedId, size) {
		yield HEAD_PAGES;
		const next = fillerSource(seedId);
		let left = size - HEAD_PAGES.length;
		let continued = false;
		for (let sequence = 2; left > 0; sequence++) {
			// A full page, unless what would remain is too small for a page of its own.
			let total = left <= MAX_PAGE ? left : MAX_PAGE;
			if (left > MAX_PAGE && left - MAX_PAGE < HEADER + 1) total = left - (HEADER + 1);
			const { segments, length } = layoutFor(total);
			const last = total === left;
			yield page(next(length), sequence, (continued ? 0x01 : 0) | (last ? 0x04 : 0), segments);
			continued = length === 255 * segments;
			left -= total;
		}
	},
};
