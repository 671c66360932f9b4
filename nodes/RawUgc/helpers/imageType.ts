/** What an image's first bytes say it is; the server's Content-Type is not trusted. */
export interface ImageType {
	mimeType: string;
	extension: string;
}

/** Bytes needed to tell the types below apart. */
export const SNIFF_BYTES = 16;

export function sniffImageType(head: Buffer): ImageType | undefined {
	const startsWith = (bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
	if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mimeType: 'image/png', extension: 'png' };
	if (startsWith([0xff, 0xd8, 0xff])) return { mimeType: 'image/jpeg', extension: 'jpg' };
	if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) {
		return { mimeType: 'image/webp', extension: 'webp' };
	}
	if (startsWith([0x47, 0x49, 0x46, 0x38])) return { mimeType: 'image/gif', extension: 'gif' };
	return undefined;
}

/** Words for what came back instead of an image, for the error message. */
export function describeNonImage(head: Buffer, contentType?: string): string {
	const text = head.toString('utf8').trimStart().toLowerCase();
	if (text.startsWith('<!doctype html') || text.startsWith('<html') || contentType?.includes('html')) {
		return 'an HTML page';
	}
	if (text.startsWith('{') || text.startsWith('[')) return 'JSON';
	if (head.length === 0) return 'an empty body';
	return `data of type ${contentType || 'unknown'}`;
}
