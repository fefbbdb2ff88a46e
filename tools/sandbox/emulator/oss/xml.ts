/** OSS answers in XML: error bodies and the few result documents the upload calls return. */
import { randomBytes } from 'node:crypto';

export class OssError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, string> = {},
	) {
		super(message);
	}
}

export function escapeXml(text: string): string {
	const entities: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
	return text.replace(/[<>&'"]/g, (char) => entities[char]);
}

export function xmlDocument(root: string, fields: Record<string, string | undefined>): string {
	const body = Object.entries(fields)
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `  <${name}>${escapeXml(value!)}</${name}>`)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}>\n${body}\n</${root}>\n`;
}

export function errorXml(error: OssError, requestId: string, hostId: string): string {
	return xmlDocument('Error', {
		Code: error.code,
		Message: error.message,
		RequestId: requestId,
		HostId: hostId,
		...error.extra,
	});
}

/** OSS request IDs: 24 upper-case hex digits. */
export function newOssRequestId(): string {
	return randomBytes(12).toString('hex').toUpperCase();
}

/** The `<Part>` list of a CompleteMultipartUpload body, in document order. */
export function parseCompleteParts(xml: string): Array<{ partNumber: number; etag: string }> | undefined {
	if (!/<CompleteMultipartUpload>[\s\S]*<\/CompleteMultipartUpload>/.test(xml)) return undefined;
	const parts: Array<{ partNumber: number; etag: string }> = [];
	for (const match of xml.matchAll(/<Part>([\s\S]*?)<\/Part>/g)) {
		const partNumber = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(match[1])?.[1];
		const etag = /<ETag>\s*([\s\S]*?)\s*<\/ETag>/.exec(match[1])?.[1];
		if (partNumber === undefined || etag === undefined) return undefined;
		parts.push({ partNumber: Number(partNumber), etag: etag.replace(/&quot;/g, '"') });
	}
	return parts;
}
