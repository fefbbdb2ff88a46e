/** The harness serves n8n's own Webhook node as n8n does: its answer, its items, the execution they start. */
import { gzipSync } from 'node:zlib';

import { serveWebhook } from '../../tools/sandbox/engine';
import { BODY_BY_CONTENT_TYPE, JSON_TEXT, postJsonText, webhookV1Workflow } from '../support/webhookBodies';

describe('serveWebhook with n8n-nodes-base Webhook', () => {
	// The Webhook node's path is a full path (isFullPath), as in n8n: /webhook/<path>, without the webhook ID.
	it('a POST starts one execution with the body; a wrong method or path is 404 and starts nothing', async () => {
		const workflow = {
			nodes: [
				{
					id: 'hook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0] as [number, number],
					webhookId: '0b9c4c1e-1111-4222-8333-444455556666',
					parameters: { httpMethod: 'POST', path: 'incoming', responseMode: 'onReceived', options: {} },
				},
				{
					id: 'after',
					name: 'After',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [200, 0] as [number, number],
					parameters: {},
				},
			],
			connections: { Webhook: { main: [[{ node: 'After', type: 'main' as const, index: 0 }]] } },
		};
		const served = await serveWebhook(workflow, 'Webhook', { credentials: {} });
		try {
			expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/incoming$/);
			const answer = await fetch(served.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ hello: 'world' }),
			});
			expect([answer.status, answer.status === 200 ? '' : await answer.text()]).toEqual([200, '']);
			expect((await fetch(served.url, { method: 'GET' })).status).toBe(404);
			expect((await fetch(`${served.url}x`, { method: 'POST' })).status).toBe(404);
			await served.settled();
			expect(served.calls).toHaveLength(1);
			const run = await served.calls[0].run!;
			expect(run.status).toBe('success');
			expect(run.output('After')[0]).toMatchObject({ body: { hello: 'world' } });
			expect(served.failures).toEqual([]);
		} finally {
			await served.close();
		}
	});
});

/**
 * What n8n 2.41 gives a version-1 webhook node for each content type (n8n's middlewares/body-parser.ts and
 * webhooks/webhook-helpers.ts; reproduced in tools/sandbox/engine/webhookBody.ts): seen through n8n's own Webhook
 * node 1, which outputs `body` as given and, with Raw Body on, the bytes n8n kept. The same table is checked against a
 * real n8n in test/e2e/event-trigger.e2e.test.ts.
 */
describe('serveWebhook parses bodies as n8n 2.41 does', () => {
	const workflow = webhookV1Workflow('bodies', '0b9c4c1e-1111-4222-8333-777788889999');

	it.each(BODY_BY_CONTENT_TYPE)('%s', async (contentType, body) => {
		const served = await serveWebhook(workflow, 'Webhook', { credentials: {} });
		try {
			expect(await postJsonText(served.url, contentType)).toBe(200);
			await served.settled();
			expect(served.calls[0].body).toEqual(body);
			const [item] = (await served.calls[0].run!).items('Webhook');
			expect(item.json.body).toEqual(body);
			expect(Buffer.from(item.binary!.data.data, 'base64').toString()).toBe(JSON_TEXT);
			expect(served.failures).toEqual([]);
		} finally {
			await served.close();
		}
	});

	it('a gzipped body is read inflated; JSON that does not parse is answered 422 by n8n and starts nothing', async () => {
		const served = await serveWebhook(workflow, 'Webhook', { credentials: {} });
		try {
			const zipped = await fetch(served.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
				body: gzipSync(JSON_TEXT),
			});
			expect(zipped.status).toBe(200);
			const broken = await fetch(served.url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"EventType":',
			});
			expect(broken.status).toBe(422);
			expect(await broken.json()).toMatchObject({ code: 422, message: 'Failed to parse request body' });
			await served.settled();
			expect(served.calls.map((call) => [call.status, call.run !== undefined])).toEqual([
				[200, true],
				[422, false],
			]);
			expect((await served.calls[0].run!).output('Webhook')[0]).toMatchObject({ body: JSON.parse(JSON_TEXT) });
			expect(served.failures).toEqual([]);
		} finally {
			await served.close();
		}
	});
});
