/**
 * How n8n 2.41 reads the body of a call to a production webhook before the node sees it, reproduced from its server
 * package (n8n@2.41.1: `dist/middlewares/body-parser.js` rawBodyReader and parseBody, `dist/webhooks/webhook-helpers.js`
 * parseRequestBody and isParsableContentType; `@n8n/backend-network` parseIncomingMessage, used here as is):
 * - `contentType` is the Content-Type's type in lower case, `encoding` its charset (default utf-8);
 * - a node of type version 1 gets its body parsed whatever the content type (unless its `options.binaryData` is on);
 *   a later version only for JSON, text/plain, form-encoded and XML types, otherwise the stream is left to the node;
 * - parsing reads the bytes into `rawBody` (gunzipped / inflated per Content-Encoding, at most 16 MB), then
 *   `application/json` → JSON (BOM stripped), `*\/xml` and `*+xml` → xml2js, `application/x-www-form-urlencoded` →
 *   `querystring.parse` (a JSON text becomes a key), `text/plain` → the text; any other type (or none) leaves `body`
 *   undefined. A body that does not parse is answered 422 by n8n, before the node runs.
 * multipart/form-data (parsed by n8n with formidable) is not reproduced: the harness refuses to serve it.
 */
import { parseIncomingMessage } from '@n8n/backend-network';
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

import { jsonParse, sanitizeXmlName, type INode, type Workflow } from 'n8n-workflow';
import { Parser as XmlParser } from 'xml2js';

/** n8n's N8N_PAYLOAD_SIZE_MAX default (16, in MB as raw-body counts them). */
const PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

const xmlParser = new XmlParser({
	async: true,
	normalize: true,
	normalizeTags: true,
	explicitArray: false,
	tagNameProcessors: [sanitizeXmlName],
	attrNameProcessors: [sanitizeXmlName],
});

/**
 * The request as n8n hands it to a webhook node (n8n-workflow declares `contentType`, `encoding`, `rawBody`,
 * `readRawBody` on IncomingMessage; `rawBody` stays unset until read).
 */
export interface WebhookRequest extends IncomingMessage {
	body?: unknown;
}

/** A call n8n answers itself, with its error response (status, `{ code, message, hint? }`), before the node runs. */
export class WebhookBodyError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly hint?: string,
	) {
		super(message);
	}

	get answer(): { code: number; message: string; hint?: string } {
		return { code: this.status, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
	}
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

async function readAll(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		size += (chunk as Buffer).length;
		if (size > PAYLOAD_SIZE_MAX) throw new WebhookBodyError(413, 'request entity too large');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks);
}

/** rawBodyReader: content type and charset from the headers, and `readRawBody()`, which reads the bytes once. */
export function asWebhookRequest(message: IncomingMessage): WebhookRequest {
	const request = message as WebhookRequest;
	parseIncomingMessage(request);
	request.readRawBody = async () => {
		if (request.rawBody) return;
		const encoding = request.headers['content-encoding'];
		const stream =
			encoding === 'gzip'
				? request.pipe(createGunzip())
				: encoding === 'deflate'
					? request.pipe(createInflate())
					: request;
		request.rawBody = await readAll(stream);
		request._body = true;
	};
	return request;
}

/** parseBody: what n8n puts in `request.body` for each content type. */
async function parseBody(request: WebhookRequest): Promise<void> {
	await request.readRawBody();
	const { rawBody, contentType, encoding } = request;
	if (!(rawBody as Buffer | undefined)?.length) return;
	try {
		if (contentType === 'application/json') request.body = jsonParse(stripBom(rawBody.toString(encoding)));
		else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml'))
			request.body = await xmlParser.parseStringPromise(rawBody.toString(encoding));
		else if (contentType === 'application/x-www-form-urlencoded')
			request.body = parseQuery(stripBom(rawBody.toString(encoding)), undefined, undefined, { maxKeys: 1000 });
		else if (contentType === 'text/plain') request.body = rawBody.toString(encoding);
	} catch (error) {
		throw new WebhookBodyError(422, 'Failed to parse request body', (error as Error).message);
	}
}

function isParsableContentType(contentType: string | undefined): boolean {
	if (!contentType) return false;
	return (
		contentType.startsWith('application/json') ||
		contentType.startsWith('text/plain') ||
		contentType.startsWith('application/x-www-form-urlencoded') ||
		contentType.endsWith('/xml') ||
		contentType.endsWith('+xml')
	);
}

/** parseRequestBody: whether n8n parses the body for this node, and then how. */
export async function parseRequestBody(request: WebhookRequest, workflow: Workflow, node: INode): Promise<void> {
	if (node.typeVersion === 1) {
		const binaryData = workflow.expression.getSimpleParameterValue(
			node,
			'={{$parameter["options"]["binaryData"]}}',
			'webhook',
			{},
			undefined,
			false,
		);
		if (binaryData) return;
	}
	if (request.contentType === 'multipart/form-data')
		throw new Error('multipart/form-data bodies are not reproduced by the harness (n8n parses them with formidable)');
	if (node.typeVersion > 1 && !isParsableContentType(request.contentType)) return;
	await parseBody(request);
}
