/**
 * A local OpenAI-compatible chat server for tests (127.0.0.1): `POST /v1/chat/completions`, plain or streamed
 * (server-sent events), answering from a script instead of a model. The script sees each request (messages and
 * the tools offered) and returns either tool calls or a final text. Every request is recorded for assertions; the
 * API key is recorded only as present or not.
 *
 * ```ts
 * const model = await startScriptedOpenAi((request) =>
 *   request.toolResults.length === 0 ? { toolCalls: [{ name: 'Lookup', arguments: { id: '1' } }] } : { content: 'done' });
 * // OpenAI credential of n8n: { apiKey: 'sk-test', url: model.baseUrl }
 * ```
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OfferedTool {
	name: string;
	description: string;
	/** JSON schema of the arguments. */
	parameters: Record<string, any>;
}

export interface ChatRequest {
	model: string;
	stream: boolean;
	messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
	tools: OfferedTool[];
	/** The contents of the `tool` messages, in order (what the tools returned so far). */
	toolResults: string[];
	hadApiKey: boolean;
}

export type ScriptedReply =
	| { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }
	| { content: string };

export interface ScriptedOpenAi {
	/** The base URL for the OpenAI credential (`…/v1`). */
	baseUrl: string;
	requests: ChatRequest[];
	/** Script errors (the request was answered 500 with the message). */
	errors: string[];
	stop(): Promise<void>;
}

function text(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (typeof part === 'string' ? part : (part?.text ?? ''))).join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

function parseRequest(body: any, request: IncomingMessage): ChatRequest {
	const messages = Array.isArray(body.messages) ? body.messages : [];
	return {
		model: String(body.model ?? ''),
		stream: body.stream === true,
		messages,
		tools: (Array.isArray(body.tools) ? body.tools : []).map((tool: any) => ({
			name: tool.function?.name,
			description: tool.function?.description ?? '',
			parameters: tool.function?.parameters ?? {},
		})),
		toolResults: messages
			.filter((message: any) => message.role === 'tool')
			.map((message: any) => text(message.content)),
		hadApiKey: /^Bearer \S+/.test(request.headers.authorization ?? ''),
	};
}

let sequence = 0;

function assistantMessage(reply: ScriptedReply) {
	if ('content' in reply) return { message: { role: 'assistant', content: reply.content }, finish: 'stop' };
	const calls = reply.toolCalls.map((call) => {
		sequence += 1;
		return {
			id: `call_${sequence}`,
			type: 'function',
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		};
	});
	return { message: { role: 'assistant', content: null, tool_calls: calls }, finish: 'tool_calls' };
}

const USAGE = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };

function answer(response: ServerResponse, chat: ChatRequest, reply: ScriptedReply, includeUsage: boolean): void {
	const { message, finish } = assistantMessage(reply);
	const base = { id: `chatcmpl-${sequence}-${Date.now()}`, created: Math.floor(Date.now() / 1000), model: chat.model };
	if (!chat.stream) {
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(
			JSON.stringify({
				...base,
				object: 'chat.completion',
				choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
				usage: USAGE,
			}),
		);
		return;
	}
	response.writeHead(200, {
		'content-type': 'text/event-stream',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
	});
	const send = (chunk: object) =>
		response.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...chunk })}\n\n`);
	const delta =
		'tool_calls' in message
			? { role: 'assistant', content: null, tool_calls: message.tool_calls!.map((call, index) => ({ index, ...call })) }
			: { role: 'assistant', content: message.content };
	send({ choices: [{ index: 0, delta, finish_reason: null }] });
	send({ choices: [{ index: 0, delta: {}, finish_reason: finish }] });
	if (includeUsage) send({ choices: [], usage: USAGE });
	response.end('data: [DONE]\n\n');
}

export async function startScriptedOpenAi(script: (request: ChatRequest) => ScriptedReply): Promise<ScriptedOpenAi> {
	const requests: ChatRequest[] = [];
	const errors: string[] = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const path = (request.url ?? '').split('?')[0];
			if (request.method === 'GET' && /\/models$/.test(path)) {
				response.writeHead(200, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({ object: 'list', data: [{ id: 'scripted-model', object: 'model', owned_by: 'test' }] }),
				);
				return;
			}
			if (request.method !== 'POST' || !/\/chat\/completions$/.test(path)) {
				response.writeHead(404, { 'content-type': 'application/json' });
				response.end(
					JSON.stringify({ error: { message: `no route ${request.method} ${path}`, type: 'invalid_request_error' } }),
				);
				return;
			}
			let body: any;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				response.writeHead(400, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
				return;
			}
			const chat = parseRequest(body, request);
			requests.push(chat);
			try {
				answer(response, chat, script(chat), body.stream_options?.include_usage === true);
			} catch (error) {
				const message = (error as Error).message;
				errors.push(message);
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ error: { message, type: 'server_error' } }));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		errors,
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
