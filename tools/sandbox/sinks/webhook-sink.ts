/**
 * An HTTP server on 127.0.0.1 that records every request, for end-to-end tests of nodes that post to a webhook
 * (e.g. a Slack-style incoming webhook: `POST <url>` with a JSON body, answered `200 ok`).
 *
 * ```ts
 * const hook = await startWebhookSink();
 * // in the workflow: HTTP Request node, POST `${hook.url}/services/T000/B000/XXXX`, JSON body
 * const request = await hook.waitForRequest((r) => r.json?.text?.includes(jobId));
 * await hook.stop();
 * ```
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { Recorder } from './recorder';

export interface ReceivedRequest {
	method: string;
	/** Path and query as received, e.g. `/services/T000/B000/XXXX?x=1`. */
	path: string;
	headers: IncomingHttpHeaders;
	/** Raw body (UTF-8). */
	body: string;
	/** The body parsed as JSON when it is JSON, else undefined. */
	json?: any;
	/** application/x-www-form-urlencoded bodies, decoded (Slack's legacy `payload=` form). */
	form?: Record<string, string>;
	receivedAt: Date;
}

interface WebhookAnswer {
	status: number;
	body?: string;
	headers?: Record<string, string>;
}

export interface WebhookSink {
	/** `http://127.0.0.1:PORT` */
	url: string;
	port: number;
	readonly requests: ReceivedRequest[];
	/** What the next requests get; default `200 ok` (text/plain), like Slack. */
	answer(next: WebhookAnswer | ((request: ReceivedRequest) => WebhookAnswer)): void;
	waitForRequest(predicate?: (request: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest>;
	clear(): void;
	stop(): Promise<void>;
}

export async function startWebhookSink(options: { host?: string; port?: number } = {}): Promise<WebhookSink> {
	const host = options.host ?? '127.0.0.1';
	const received = new Recorder<ReceivedRequest>('webhook-sink', (requests) =>
		JSON.stringify(
			requests.map((request) => ({ method: request.method, path: request.path, body: request.body.slice(0, 200) })),
		),
	);
	const requests = received.items;
	const sockets = new Set<Socket>();
	let answer: WebhookAnswer | ((request: ReceivedRequest) => WebhookAnswer) = { status: 200, body: 'ok' };

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const record: ReceivedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body,
				receivedAt: new Date(),
			};
			const type = String(req.headers['content-type'] ?? '');
			try {
				if (body && (type.includes('json') || /^\s*[{[]/.test(body))) record.json = JSON.parse(body);
			} catch {
				// not JSON: keep the raw body only
			}
			if (type.includes('application/x-www-form-urlencoded')) {
				record.form = Object.fromEntries(new URLSearchParams(body));
			}
			received.add(record);
			const reply = typeof answer === 'function' ? answer(record) : answer;
			res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...(reply.headers ?? {}) });
			res.end(reply.body ?? '');
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;

	return {
		url: `http://${host}:${port}`,
		port,
		requests,
		answer(next) {
			answer = next;
		},
		clear: () => received.clear(),
		waitForRequest: (predicate, timeoutMs) => received.waitFor(predicate, timeoutMs),
		stop: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
