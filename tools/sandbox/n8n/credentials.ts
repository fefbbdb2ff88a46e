/** Credentials for `n8n import:credentials`: the Alibaba Cloud API one, n8n's SMTP and Header Auth ones. */
import { randomBytes } from 'node:crypto';

export interface CredentialSpec {
	/** Default: a random 16-character id (n8n's format). */
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** The Alibaba Cloud API credential pointed at an emulator (or any endpoint). */
export function alibabaCredential(
	target: { url: string; credentials: { accessKeyId: string; accessKeySecret: string } },
	overrides: Record<string, unknown> & { id?: string; name?: string } = {},
): CredentialSpec & { id: string } {
	const { id, name, ...data } = overrides;
	return {
		id: (id as string | undefined) ?? newId(),
		name: (name as string | undefined) ?? 'Alibaba Cloud (emulator)',
		type: 'alibabaCloudApi',
		data: {
			accessKeyId: target.credentials.accessKeyId,
			accessKeySecret: target.credentials.accessKeySecret,
			securityToken: '',
			region: 'cn-shanghai',
			iceEndpoint: target.url,
			vodEndpoint: target.url,
			...data,
		},
	};
}

/** n8n's SMTP credential (n8n-nodes-base `smtp`) for a plain-text SMTP server without TLS, e.g. the SMTP sink. */
export function smtpCredential(
	server: { host: string; port: number },
	overrides: { id?: string; name?: string; user?: string; password?: string } = {},
): CredentialSpec & { id: string } {
	return {
		id: overrides.id ?? newId(),
		name: overrides.name ?? 'SMTP sink',
		type: 'smtp',
		data: {
			user: overrides.user ?? '',
			password: overrides.password ?? '',
			host: server.host,
			port: server.port,
			secure: false,
			// nodemailer's ignoreTLS: never try STARTTLS (the sink does not offer it anyway)
			disableStartTls: true,
			hostName: 'n8n-e2e.local',
		},
	};
}

/** An id in n8n's format (16 alphanumerics), for workflows and credentials. */
export function newId(): string {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** n8n's Header Auth credential (n8n-nodes-base `httpHeaderAuth`): a webhook accepts calls carrying this header. */
export function headerAuthCredential(
	header: { name: string; value: string },
	overrides: { id?: string; name?: string } = {},
): CredentialSpec & { id: string } {
	return {
		id: overrides.id ?? newId(),
		name: overrides.name ?? 'Header Auth',
		type: 'httpHeaderAuth',
		data: { name: header.name, value: header.value },
	};
}
