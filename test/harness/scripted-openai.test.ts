/**
 * The scripted OpenAI-compatible server of the AI Agent e2e (tools/sandbox/ai/scriptedOpenAi.ts): answers chat
 * completions from its script, as JSON or as server-sent events, with tool calls in OpenAI's shape, and records
 * what it was offered and what the tools returned.
 */
import { type ScriptedOpenAi, startScriptedOpenAi } from '../../tools/sandbox/ai/scriptedOpenAi';

let server: ScriptedOpenAi;

beforeAll(async () => {
	server = await startScriptedOpenAi((request) => {
		if (request.toolResults.length === 0)
			return { toolCalls: [{ name: request.tools[0].name, arguments: { id: 'a1' } }] };
		if (request.toolResults[0] === 'boom') throw new Error('script refuses');
		return { content: `done with ${request.toolResults[0]}` };
	});
});

afterAll(async () => {
	await server.stop();
});

const TOOLS = [
	{ type: 'function', function: { name: 'Lookup', description: 'Looks up', parameters: { type: 'object' } } },
];

async function chat(body: object) {
	return await fetch(`${server.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
		body: JSON.stringify({ model: 'scripted-model', tools: TOOLS, ...body }),
	});
}

it('answers a first request with the scripted tool call', async () => {
	const response = await chat({ messages: [{ role: 'user', content: 'go' }] });
	const body = (await response.json()) as any;
	expect(body.choices[0]).toMatchObject({
		finish_reason: 'tool_calls',
		message: {
			role: 'assistant',
			tool_calls: [{ type: 'function', function: { name: 'Lookup', arguments: '{"id":"a1"}' } }],
		},
	});
	expect(server.requests.at(-1)).toMatchObject({
		hadApiKey: true,
		tools: [{ name: 'Lookup', description: 'Looks up' }],
	});
});

it('streams the final answer once a tool result came back', async () => {
	const response = await chat({
		stream: true,
		messages: [
			{ role: 'user', content: 'go' },
			{ role: 'tool', tool_call_id: 'call_1', content: 'found it' },
		],
	});
	expect(response.headers.get('content-type')).toBe('text/event-stream');
	const events = (await response.text()).split('\n\n').filter(Boolean);
	expect(events.at(-1)).toBe('data: [DONE]');
	const first = JSON.parse(events[0].slice('data: '.length));
	expect(first.choices[0].delta.content).toBe('done with found it');
	expect(server.requests.at(-1)!.toolResults).toEqual(['found it']);
});

it('answers 500 with the script’s error and records it', async () => {
	const response = await chat({ messages: [{ role: 'tool', tool_call_id: 'call_1', content: 'boom' }] });
	expect(response.status).toBe(500);
	expect(server.errors).toEqual(['script refuses']);
});
