/** The harness serves n8n's own Webhook node as n8n does: its answer, its items, the execution they start. */
import { serveWebhook } from '../../tools/sandbox/engine';

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
