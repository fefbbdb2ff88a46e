/** The editor's credential Test button, over n8n's REST API. */
import type { N8n } from './instance';

/** See {@link N8n.testCredential}. */
export async function testCredentialOverRest(
	n8n: Pick<N8n, 'rest' | 'serverLogFile'>,
	credential: { id: string; data?: Record<string, unknown> },
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const stored = await n8n.rest('GET', `/credentials/${credential.id}?includeData=true`);
	if (stored.status !== 200) {
		throw new Error(
			`GET /rest/credentials/${credential.id} answered ${stored.status}: ${stored.text.slice(0, 500)}; log: ${n8n.serverLogFile()}`,
		);
	}
	const { id, name, type, data } = stored.body.data ?? stored.body;
	const response = await n8n.rest('POST', '/credentials/test', {
		credentials: { id, name, type, data: { ...(data ?? {}), ...(credential.data ?? {}) } },
	});
	if (response.status !== 200) {
		throw new Error(
			`POST /rest/credentials/test answered ${response.status}: ${response.text.slice(0, 500)}; log: ${n8n.serverLogFile()}`,
		);
	}
	return (response.body?.data ?? response.body) as { status: 'OK' | 'Error'; message: string };
}
