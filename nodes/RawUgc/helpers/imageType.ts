import { hasBytes, type FileType, type ResultFile } from './fileType';

function sniffImageType(head: Buffer): FileType | undefined {
	if (hasBytes(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: 'image/png', extension: 'png' };
	if (hasBytes(head, [0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg' };
	if (hasBytes(head, [0x52, 0x49, 0x46, 0x46]) && hasBytes(head, [0x57, 0x45, 0x42, 0x50], 8)) {
		return { mimeType: 'image/webp', extension: 'webp' };
	}
	if (hasBytes(head, [0x47, 0x49, 0x46, 0x38])) return { mimeType: 'image/gif', extension: 'gif' };
	return undefined;
}

/** PNG, JPEG, WebP or GIF. */
export const IMAGE_FILE: ResultFile = { what: 'an image', sniffBytes: 16, sniff: sniffImageType };
