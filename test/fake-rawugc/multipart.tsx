/** A small binary-safe multipart/form-data parser (the fake must see exactly what clients send). */

export interface MultipartPart {
	name?: string;
	fileName?: string;
	contentType?: string;
	headers: Record<string, string>;
	data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data\b/i.test(contentType.trim())) return undefined;
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match ? (match[1] ?? match[2]) : undefined;
}

function dispositionParam(disposition: string, name: string): string | undefined {
	const match = new RegExp(`;\\s*${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(disposition);
	if (!match) return undefined;
	return match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2].trim();
}

/** Parses the body; throws an Error with a readable message when it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
	const opening = Buffer.from(`--${boundary}`);
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	let position: number;
	if (body.subarray(0, opening.length).equals(opening)) position = opening.length;
	else {
		const found = body.indexOf(delimiter);
		if (found < 0) throw new Error('no opening boundary');
		position = found + delimiter.length;
	}
	const parts: MultipartPart[] = [];
	for (;;) {
		if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts; // closing "--"
		const lineEnd = body.indexOf('\r\n', position);
		if (lineEnd < 0) throw new Error('boundary line is not terminated');
		const headersEnd = body.indexOf('\r\n\r\n', lineEnd);
		if (headersEnd < 0) throw new Error('part headers are not terminated');
		const headers: Record<string, string> = {};
		const headerText = body.subarray(lineEnd + 2, headersEnd).toString('utf8');
		for (const line of headerText.split('\r\n')) {
			if (!line) continue;
			const colon = line.indexOf(':');
			if (colon < 0) throw new Error(`bad part header: ${line}`);
			headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
		}
		const dataStart = headersEnd + 4;
		const dataEnd = body.indexOf(delimiter, dataStart);
		if (dataEnd < 0) throw new Error('no closing boundary');
		const disposition = headers['content-disposition'] ?? '';
		parts.push({
			name: dispositionParam(disposition, 'name'),
			fileName: dispositionParam(disposition, 'filename'),
			contentType: headers['content-type'],
			headers,
			data: body.subarray(dataStart, dataEnd),
		});
		position = dataEnd + delimiter.length;
	}
}
