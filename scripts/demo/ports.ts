/** Whether the demo's n8n port is free on every address a browser may use for localhost. */
import { createServer } from 'node:net';

/** false only when something listens there (EADDRINUSE); a host this machine lacks (no IPv6) counts as free. */
function portIsFree(port: number, host: string): Promise<boolean> {
	return new Promise((resolvePort) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) => resolvePort(error.code !== 'EADDRINUSE'));
		server.listen(port, host, () => server.close(() => resolvePort(true)));
	});
}

/** n8n listens on 127.0.0.1; something on 0.0.0.0 or ::1 would still catch a browser's http://localhost:PORT. */
export async function portIsFreeEverywhere(port: number): Promise<boolean> {
	for (const host of ['127.0.0.1', '0.0.0.0', '::1']) if (!(await portIsFree(port, host))) return false;
	return true;
}
