import { hasBytes, type FileType, type ResultFile } from './fileType';

/** The audio formats a track may come in (RawUGC does not say which): read from the bytes. */
function sniffAudioType(head: Buffer): FileType | undefined {
	const mp3 = { mimeType: 'audio/mpeg', extension: 'mp3' };
	if (hasBytes(head, [0x49, 0x44, 0x33])) return mp3; // ID3 tag
	if (head[0] === 0xff && head.length > 1 && (head[1] & 0xe0) === 0xe0) return mp3; // MPEG frame sync
	if (hasBytes(head, [0x52, 0x49, 0x46, 0x46]) && hasBytes(head, [0x57, 0x41, 0x56, 0x45], 8)) {
		return { mimeType: 'audio/wav', extension: 'wav' };
	}
	if (hasBytes(head, [0x66, 0x74, 0x79, 0x70], 4)) return { mimeType: 'audio/mp4', extension: 'm4a' };
	if (hasBytes(head, [0x4f, 0x67, 0x67, 0x53])) return { mimeType: 'audio/ogg', extension: 'ogg' };
	if (hasBytes(head, [0x66, 0x4c, 0x61, 0x43])) return { mimeType: 'audio/flac', extension: 'flac' };
	return undefined;
}

/** MP3, WAV, M4A, OGG or FLAC. */
export const AUDIO_FILE: ResultFile = { what: 'audio', sniffBytes: 16, sniff: sniffAudioType };
