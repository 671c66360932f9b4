import { hasBytes, type FileType, type ResultFile } from './fileType';

const FTYP = [0x66, 0x74, 0x79, 0x70];

/** MP4 and QuickTime start with an `ftyp` box (its brand tells them apart); WebM with EBML. */
function sniffVideoType(head: Buffer): FileType | undefined {
	if (hasBytes(head, FTYP, 4)) {
		const brand = head.subarray(8, 12).toString('latin1');
		return brand === 'qt  ' ? { mimeType: 'video/quicktime', extension: 'mov' } : { mimeType: 'video/mp4', extension: 'mp4' };
	}
	if (hasBytes(head, [0x1a, 0x45, 0xdf, 0xa3])) return { mimeType: 'video/webm', extension: 'webm' };
	return undefined;
}

/** MP4, QuickTime or WebM. */
export const VIDEO_FILE: ResultFile = { what: 'a video', sniffBytes: 16, sniff: sniffVideoType };
