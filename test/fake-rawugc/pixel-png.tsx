/** A cell picture as a PNG (8-bit RGB), each cell a square of `scale` pixels. */
import { deflateSync } from 'zlib';

import { PNG_SIGNATURE, pngChunk } from './images';
import type { CellPicture } from './sample-picture';

export function encodePng(picture: CellPicture, scale: number): Buffer {
	const width = picture.columns * scale;
	const height = picture.rows * scale;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
	const stride = 1 + width * 3;
	const raw = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		const line = raw.subarray(y * stride, (y + 1) * stride);
		if (y % scale) {
			line[0] = 2; // "Up": the same as the row above, so all zeros (deflate's favourite)
			continue;
		}
		line[0] = 0;
		const cellRow = y / scale;
		for (let x = 0; x < width; x++) {
			const cell = (cellRow * picture.columns + Math.floor(x / scale)) * 3;
			line.set(picture.rgb.subarray(cell, cell + 3), 1 + x * 3);
		}
	}
	return Buffer.concat([
		PNG_SIGNATURE,
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(raw, { level: 9 })),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}
