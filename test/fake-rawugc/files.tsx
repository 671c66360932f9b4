/** Every result file format the storage host can serve, by name, and the helpers that read them. */
import { createHash } from 'crypto';
import { FLAC, M4A, MP3, MP3_RAW, WAV } from './audio-files';
import { JPEG, PNG } from './images';
import type { FileFormat } from './media';
import { OGG } from './ogg';
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

/** A file the storage host serves: which format, made from which seed, how big. */
export interface FileSpec {
	format: FileFormatName;
	seedId: string;
	size: number;
}

export function effectiveSize(format: FileFormatName, requested: number): number {
	return Math.max(requested, FILE_FORMATS[format].minimumSize);
}

export function fileChunks(file: FileSpec): Generator<Buffer> {
	return FILE_FORMATS[file.format].chunks(file.seedId, file.size);
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
