/** Every result file format the storage host can serve, by name, and the helpers that read them. */
import { createHash } from 'crypto';
import { FLAC, M4A, MP3, MP3_RAW, WAV } from './audio-files';
import { JPEG, PNG } from './images';
import type { FileFormat } from './media';
import { OGG } from './ogg';
import { type SampleSpec, sampleBytes } from './samples';
import type { AudioFormat, VideoFormat } from './types';
import { MOV, MP4, WEBM } from './video-files';

export type FileFormatName = 'png' | 'jpeg' | VideoFormat | AudioFormat;

export const FILE_FORMATS: Record<FileFormatName, FileFormat> = {
	png: PNG,
	jpeg: JPEG,
	mp4: MP4,
	mov: MOV,
	webm: WEBM,
	mp3: MP3,
	'mp3-raw': MP3_RAW,
	wav: WAV,
	m4a: M4A,
	ogg: OGG,
	flac: FLAC,
};

/** A file the storage host serves: which format, made from which seed, how big; or a sample (samples.tsx). */
export interface FileSpec {
	format: FileFormatName;
	seedId: string;
	size: number;
	/** Set in sample mode: the file is the format's sample (when it has one), `size` its length. */
	sample?: SampleSpec;
}

export function effectiveSize(format: FileFormatName, requested: number): number {
	return Math.max(requested, FILE_FORMATS[format].minimumSize);
}

/** A new job's file size: its sample's length in sample mode, else the requested size raised to the format's minimum. */
export function resultSizeOf(format: FileFormatName, requested: number, sample?: SampleSpec): number {
	return (sample && sampleBytes(format, sample)?.length) ?? effectiveSize(format, requested);
}

export function* fileChunks(file: FileSpec): Generator<Buffer> {
	const sample = file.sample && sampleBytes(file.format, file.sample);
	if (sample) yield sample;
	else yield* FILE_FORMATS[file.format].chunks(file.seedId, file.size);
}

export function fileBytes(file: FileSpec): Buffer {
	return Buffer.concat([...fileChunks(file)]);
}

/** Size, sha256 and content type of the file, read chunk by chunk. */
export function fileDigest(file: FileSpec): { size: number; sha256: string; contentType: string } {
	const hash = createHash('sha256');
	let size = 0;
	for (const piece of fileChunks(file)) {
		hash.update(piece);
		size += piece.length;
	}
	return { size, sha256: hash.digest('hex'), contentType: FILE_FORMATS[file.format].contentType };
}
