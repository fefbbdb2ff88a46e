import { ENCRYPTION_KEY } from './paths';
import type { N8nRuntime } from './runtime';

/** The environment of every n8n process: nothing inherited that could point n8n elsewhere. */
export function n8nEnv(instance: {
	runtime: N8nRuntime;
	userFolder: string;
	port: number;
	brokerPort: number;
	extraEnv: Record<string, string>;
}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// NODE_ENV=test (set by jest) makes n8n 2.41 silent: no logs, and `execute` prints no run at all.
		if (/^(N8N_|DB_|npm_|NODE_OPTIONS$|NODE_PATH$|NODE_ENV$|JEST_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$)/i.test(key))
			continue;
		env[key] = value;
	}
	return {
		...env,
		PATH: `${instance.runtime.nodeBinDir}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: instance.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PORT: String(instance.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(instance.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// 2.41 warns that this default becomes false in n8n 3; our package is unverified while in development
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		CI: 'true',
		...instance.extraEnv,
	};
}
