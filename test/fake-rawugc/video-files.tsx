/**
 * Result videos: the container's real header (what sniffers and players look at first), then
 * one box or element of media.tsx filler up to the requested size. Not playable, valid-looking.
 */
import { type FileFormat, fillerChunks, fillerSource } from './media';

function isoBoxHeader(type: string, size: number): Buffer {
	const header = Buffer.alloc(8);
	header.writeUInt32BE(size, 0);
	header.write(type, 4, 'latin1');
	return header;
}

/** An ISO base media file (MP4, MOV, M4A): `ftyp` with these brands, then one `mdat` of filler. */
export function isoMedia(ext: string, contentType: string, brand: string, compatible: string[]): FileFormat {
	const brands = [brand, ...compatible].map((name) => Buffer.from(name.padEnd(4), 'latin1'));
	const ftypPayload = Buffer.concat([brands[0], Buffer.from([0, 0, 2, 0]), ...brands.slice(1)]);
	const ftyp = Buffer.concat([isoBoxHeader('ftyp', 8 + ftypPayload.length), ftypPayload]);
	return {
		ext,
		contentType,
		minimumSize: ftyp.length + 8,
		*chunks(seedId, size) {
			const mdatSize = size - ftyp.length;
			if (mdatSize > 0xffffffff) throw new Error('fake-rawugc: results above 4 GB are not supported');
			yield Buffer.concat([ftyp, isoBoxHeader('mdat', mdatSize)]);
			yield* fillerChunks(fillerSource(seedId), mdatSize - 8);
		},
	};
}

// EBML header of a WebM file: versions 1, max id 4, max size 8, doctype "webm" version 4 / read 2.
const EBML_HEADER = Buffer.from([
	0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3,
	0x81, 0x08, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02,
]);

/** An 8-byte EBML size (vint with the length marker in the first byte). */
function ebmlSize(size: number): Buffer {
	const bytes = Buffer.alloc(8);
	bytes.writeBigUInt64BE(BigInt(size), 0);
	bytes[0] = 0x01;
	return bytes;
}

const SEGMENT_ID = Buffer.from([0x18, 0x53, 0x80, 0x67]);
const VOID_ID = Buffer.from([0xec]);

/** EBML header, then a Segment holding one Void element of filler. */
export const WEBM: FileFormat = {
	ext: 'webm',
	contentType: 'video/webm',
	minimumSize: EBML_HEADER.length + 12 + 9,
	*chunks(seedId, size) {
		const segmentSize = size - EBML_HEADER.length - 12;
		const voidSize = segmentSize - 9;
		yield Buffer.concat([EBML_HEADER, SEGMENT_ID, ebmlSize(segmentSize), VOID_ID, ebmlSize(voidSize)]);
		yield* fillerChunks(fillerSource(seedId), voidSize);
	},
};

export const MP4 = isoMedia('mp4', 'video/mp4', 'isom', ['isom', 'iso2', 'avc1', 'mp41']);
export const MOV = isoMedia('mov', 'video/quicktime', 'qt', ['qt']);
