/**
 * The picture the fake serves in sample mode: a small landscape (sky, sun, hills; colours picked
 * by the caption) with the caption written on it, so a person sees which prompt made it. Drawn on
 * a grid of cells, each cell one flat colour (8x8 pixels once encoded: one JPEG block each).
 */
import { createHash } from 'crypto';

import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphRows, wrapText } from './bitmap-font';

export interface CellPicture {
	columns: number;
	rows: number;
	/** RGB per cell, row by row. */
	rgb: Uint8Array;
}

type Rgb = [number, number, number];

const SKIES: Array<[Rgb, Rgb]> = [
	[[30, 58, 138], [245, 158, 11]],
	[[15, 118, 110], [253, 224, 71]],
	[[76, 29, 149], [244, 114, 182]],
	[[14, 116, 144], [186, 230, 253]],
	[[127, 29, 29], [251, 146, 60]],
];
const HILLS: Rgb[] = [[22, 101, 52], [54, 83, 20], [30, 64, 175], [88, 28, 135]];
const SUN: Rgb = [254, 240, 138];
const INK: Rgb = [255, 255, 255];
const SHADOW: Rgb = [17, 24, 39];
const LABEL = 'RAWUGC SAMPLE - SIMULATED';
/** Cells in a picture (128 x 72 for 16:9, 1024 x 576 pixels). */
const AREA = 128 * 72;

/** Columns and rows for an aspect ratio such as '16:9' ('auto' and unknown ones: 16:9). */
export function gridFor(shape: string | undefined): { columns: number; rows: number } {
	const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(shape ?? '');
	const ratio = match ? Math.min(4, Math.max(0.25, Number(match[1]) / Number(match[2]))) : 16 / 9;
	const rows = Math.round(Math.sqrt(AREA / ratio));
	return { columns: Math.round(rows * ratio), rows };
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;

export function drawPicture(caption: string, shape?: string): CellPicture {
	const { columns, rows } = gridFor(shape);
	const pick = createHash('sha256').update(caption).digest();
	const [skyTop, skyLow] = SKIES[pick[0] % SKIES.length];
	const hill = HILLS[pick[1] % HILLS.length];
	const rgb = new Uint8Array(columns * rows * 3);
	const put = (x: number, y: number, colour: Rgb) => {
		if (x >= 0 && y >= 0 && x < columns && y < rows) rgb.set(colour, (y * columns + x) * 3);
	};
	const sun = { x: columns * (0.6 + (pick[2] / 255) * 0.25), y: rows * 0.42, r: Math.min(columns, rows) * 0.13 };
	for (let y = 0; y < rows; y++) {
		for (let x = 0; x < columns; x++) {
			const far = rows * (0.68 + 0.06 * Math.sin(x / 9 + pick[3]));
			const near = rows * (0.8 + 0.05 * Math.sin(x / 6 + pick[4]));
			let colour = mix(skyTop, skyLow, Math.min(1, y / (rows * 0.7)));
			if (Math.hypot(x - sun.x, y - sun.y) < sun.r) colour = SUN;
			if (y > far) colour = mix(hill, [0, 0, 0], 0.15);
			if (y > near) colour = mix(hill, [0, 0, 0], 0.45);
			put(x, y, colour);
		}
	}
	const letters = (text: string, left: number, top: number, colour: Rgb) => {
		for (const [index, char] of [...text].entries()) {
			for (const [row, bits] of glyphRows(char).entries()) {
				for (let column = 0; column < GLYPH_WIDTH; column++) {
					if (bits & (1 << (GLYPH_WIDTH - 1 - column))) put(left + index * (GLYPH_WIDTH + 1) + column, top + row, colour);
				}
			}
		}
	};
	// A shadow one cell down and right keeps white letters readable on a light sky.
	const write = (text: string, left: number, top: number) => {
		letters(text, left + 1, top + 1, SHADOW);
		letters(text, left, top, INK);
	};
	const perLine = Math.floor((columns - 4) / (GLYPH_WIDTH + 1));
	const lines = wrapText(caption || 'no prompt', perLine, Math.max(1, Math.floor((rows * 0.55) / (GLYPH_HEIGHT + 2))));
	lines.forEach((line, index) => write(line, 3, 3 + index * (GLYPH_HEIGHT + 2)));
	const label = LABEL.length <= perLine ? LABEL : 'SAMPLE';
	write(label, columns - 1 - label.length * (GLYPH_WIDTH + 1), rows - GLYPH_HEIGHT - 2);
	return { columns, rows, rgb };
}
