/**
 * What n8n 2.41 gives a webhook node of type version 1 as `body` for one JSON text sent with each Content-Type
 * (n8n's middlewares/body-parser.ts): the engine harness reproduces it (tools/sandbox/engine/webhookBody.ts) and the
 * real-n8n suite checks the same table against n8n itself, through n8n's own Webhook node 1.
 */
export const JSON_TEXT = '{"EventType":"ProduceMediaComplete","MessageBody":{"MediaURL":"https://x/y.mp4?a=1&b=2"}}';

export const BODY_BY_CONTENT_TYPE: Array<[contentType: string | null, body: unknown]> = [
	['application/json', JSON.parse(JSON_TEXT)],
	['application/json; charset=utf-8', JSON.parse(JSON_TEXT)],
	['text/plain', JSON_TEXT],
	['Text/Plain;charset=UTF-8', JSON_TEXT],
	// A form: `&` and `=` inside the JSON text split it into fields.
	[
		'application/x-www-form-urlencoded',
		{ '{"EventType":"ProduceMediaComplete","MessageBody":{"MediaURL":"https://x/y.mp4?a': '1', b: '2"}}' },
	],
	// Not parsed: no body.
	['application/octet-stream', undefined],
	[null, undefined],
];

/** n8n's Webhook node 1 on POST /webhook/<path>, answering at once, the raw body kept as binary. */
export function webhookV1Workflow(path: string, webhookId: string) {
	return {
		nodes: [
			{
				id: 'hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				webhookId,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: { rawBody: true } },
			},
		],
		connections: {},
	};
}

/** POSTs the JSON text as bytes, with this Content-Type or none (fetch would label a string body text/plain). */
export async function postJsonText(url: string, contentType: string | null): Promise<number> {
	const answer = await fetch(url, {
		method: 'POST',
		headers: contentType ? { 'content-type': contentType } : {},
		body: Buffer.from(JSON_TEXT),
	});
	await answer.arrayBuffer();
	return answer.status;
}
