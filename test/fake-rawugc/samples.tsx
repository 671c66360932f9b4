/**
 * Sample mode (`sampleMedia`, as npm start runs the fake): result files a person can open. Pictures
 * (PNG, JPEG) show the prompt (sample-picture.tsx); videos (MP4) and tracks (MP3) are the small
 * files in samples/ (made by samples/make.sh). Other formats have no sample: their jobs keep the
 * deterministic filler files.
 */
import { readFileSync } from 'fs';
import path from 'path';

import { encodeJpeg } from './pixel-jpeg';
import { encodePng } from './pixel-png';
import { drawPicture } from './sample-picture';

/** What a sample file shows: the job's prompt (or a track's title), and a picture's aspect ratio. */
export interface SampleSpec {
	caption: string;
	shape?: string;
}

/** How long samples/sample.mp3 plays (a sample track's `duration`). */
export const SAMPLE_TRACK_SECONDS = 4;
const CELL_PIXELS = 8;
const made = new Map<string, Buffer>();

function asset(name: string): Buffer {
	return readFileSync(path.join(__dirname, 'samples', name));
}

const MAKERS: Record<string, (sample: SampleSpec) => Buffer> = {
	png: (sample) => encodePng(drawPicture(sample.caption, sample.shape), CELL_PIXELS),
	jpeg: (sample) => encodeJpeg(drawPicture(sample.caption, sample.shape)),
	mp4: () => asset('sample.mp4'),
	mp3: () => asset('sample.mp3'),
};

/** The sample file of that format (made once per caption and shape), or undefined for a format without samples. */
export function sampleBytes(format: string, sample: SampleSpec): Buffer | undefined {
	const make = MAKERS[format];
	if (!make) return undefined;
	const key = `${format}\n${sample.shape ?? ''}\n${sample.caption}`;
	let bytes = made.get(key);
	if (!bytes) {
		if (made.size >= 200) made.clear(); // a long npm start sees many prompts
		bytes = make(sample);
		made.set(key, bytes);
	}
	return bytes;
}
