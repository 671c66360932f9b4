/**
 * A cell picture as a baseline JPEG whose 8x8 blocks are the cells: each block flat, so it needs
 * only its DC coefficient (AC: end of block at once). Y, Cb and Cr at full resolution.
 */
import type { CellPicture } from './sample-picture';

function segment(marker: number, body: number[] | Buffer): Buffer {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(body.length + 2, 2);
	return Buffer.concat([head, Buffer.from(body)]);
}

// DC differences by size category 0..11: twelve 4-bit codes (0000..1011, canonical order).
const DC_TABLE = [0x00, 0, 0, 0, 12, ...new Array(12).fill(0), ...Array.from({ length: 12 }, (_, i) => i)];
// AC: one symbol, end of block (0x00), as the 1-bit code 0.
const AC_TABLE = [0x10, 1, ...new Array(15).fill(0), 0x00];
// Quantiser 8 for DC turns the block's DC coefficient (8 x (mean - 128)) back into mean - 128.
const QUANT = [0x00, 8, ...new Array(63).fill(255)];

class BitWriter {
	private readonly bytes: number[] = [];
	private value = 0;
	private count = 0;

	write(bits: number, length: number): void {
		for (let i = length - 1; i >= 0; i--) {
			this.value = (this.value << 1) | ((bits >> i) & 1);
			if (++this.count === 8) this.flushByte();
		}
	}

	/** The entropy-coded bytes, padded with ones, each 0xff followed by a stuffed 0x00. */
	finish(): Buffer {
		if (this.count) this.write(0xff, 8 - this.count);
		return Buffer.from(this.bytes);
	}

	private flushByte(): void {
		this.bytes.push(this.value);
		if (this.value === 0xff) this.bytes.push(0);
		this.value = 0;
		this.count = 0;
	}
}

function toYCbCr(r: number, g: number, b: number): number[] {
	return [0.299 * r + 0.587 * g + 0.114 * b, -0.1687 * r - 0.3313 * g + 0.5 * b + 128, 0.5 * r - 0.4187 * g - 0.0813 * b + 128];
}

export function encodeJpeg(picture: CellPicture): Buffer {
	const { columns, rows, rgb } = picture;
	const frame = [8, (rows * 8) >> 8, (rows * 8) & 0xff, (columns * 8) >> 8, (columns * 8) & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0];
	const bits = new BitWriter();
	const previous = [0, 0, 0];
	for (let cell = 0; cell < columns * rows; cell++) {
		const levels = toYCbCr(rgb[cell * 3], rgb[cell * 3 + 1], rgb[cell * 3 + 2]);
		for (let component = 0; component < 3; component++) {
			const dc = Math.max(-127, Math.min(127, Math.round(levels[component] - 128)));
			const diff = dc - previous[component];
			previous[component] = dc;
			const size = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
			bits.write(size, 4);
			if (size) bits.write(diff > 0 ? diff : diff + (1 << size) - 1, size);
			bits.write(0, 1); // end of block
		}
	}
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), // JFIF 1.1
		segment(0xdb, QUANT),
		segment(0xc0, frame),
		segment(0xc4, DC_TABLE),
		segment(0xc4, AC_TABLE),
		segment(0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]),
		bits.finish(),
		Buffer.from([0xff, 0xd9]),
	]);
}
