/**
 * The event message of a call, read as JSON whatever Content-Type came with it: Alibaba documents the body as JSON,
 * not the header it sends. n8n parses the body before the node runs (n8n 2.41, middlewares/body-parser.ts): JSON for
 * `application/json`, the text for `text/plain`, a form whose key is the JSON text for
 * `application/x-www-form-urlencoded`, nothing for other types; and it keeps the bytes as `rawBody`. The bytes are
 * read when n8n kept them; otherwise what its parser made is turned back into the text.
 */
import type { IDataObject } from 'n8n-workflow';

interface ParsedRequest {
	rawBody?: unknown;
	body?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** The bytes as text; TextDecoder drops a byte-order mark. */
function rawText(raw: unknown): string | undefined {
	if (!ArrayBuffer.isView(raw) || raw.byteLength === 0) return undefined;
	return new TextDecoder('utf-8').decode(raw as Uint8Array);
}

/**
 * A form parsed from a JSON text back into that text. Lossy where form decoding is (`+` read as a space, `%xx`
 * decoded): only used when n8n kept no bytes.
 */
function formText(form: Record<string, unknown>): string {
	return Object.entries(form)
		.flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => [key, String(one ?? '')]))
		.map(([key, value]) => (value === '' ? key : `${key}=${value}`))
		.join('&');
}

function parsedText(body: unknown): string | IDataObject | undefined {
	if (typeof body === 'string') return body;
	if (!isRecord(body) || Object.keys(body).length === 0) return undefined;
	if (typeof body.EventType === 'string') return body as IDataObject;
	return formText(body);
}

/** The message, when the body is a JSON object with an EventType. */
export function eventMessage(request: ParsedRequest): IDataObject | undefined {
	const source = rawText(request.rawBody) ?? parsedText(request.body);
	let message: unknown = source;
	if (typeof source === 'string') {
		try {
			message = JSON.parse(source);
		} catch {
			return undefined;
		}
	}
	return isRecord(message) && typeof message.EventType === 'string' ? (message as IDataObject) : undefined;
}
