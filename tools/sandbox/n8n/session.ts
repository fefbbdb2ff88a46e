/** A signed-in conversation with a running n8n's HTTP API: its session cookie, its owner and its answers, parsed. */
import { randomBytes } from 'node:crypto';

export interface N8nAnswer {
	status: number;
	body: any;
	text: string;
}

export const E2E_OWNER = { email: 'owner@e2e.test', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Passw0rd!' };

export class N8nSession {
	private cookie = '';
	private readonly browserId = `e2e-${randomBytes(8).toString('hex')}`;
	readonly owner = E2E_OWNER;

	/** `where` names what to look at when n8n answers unexpectedly (its log file), for error messages. */
	constructor(
		readonly url: string,
		private readonly where: () => string | undefined = () => undefined,
	) {}

	/** An HTTP call with the session cookie (once logged in); returns status and parsed body. */
	async request(path: string, method = 'GET', body?: unknown): Promise<N8nAnswer> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		for (const header of response.headers.getSetCookie()) {
			const pair = header.split(';')[0];
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
		const text = await response.text();
		let parsed: any = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// keep the text
		}
		return { status: response.status, body: parsed, text };
	}

	/** A call to n8n's internal REST API (`/rest<path>`). */
	async rest(method: string, path: string, body?: unknown): Promise<N8nAnswer> {
		return this.request(`/rest${path}`, method, body);
	}

	/** Creates the instance owner (POST /rest/owner/setup) and logs in (POST /rest/login). */
	async setupOwnerAndLogin(): Promise<void> {
		const setup = await this.rest('POST', '/owner/setup', this.owner);
		if (setup.status !== 200) throw this.unexpected('POST /rest/owner/setup', setup);
		await this.login();
	}

	/** Logs in as the owner (POST /rest/login), e.g. again after a restart. */
	async login(): Promise<void> {
		const login = await this.rest('POST', '/login', {
			emailOrLdapLoginId: this.owner.email,
			password: this.owner.password,
		});
		if (login.status !== 200 || !this.cookie) throw this.unexpected('POST /rest/login', login);
	}

	private unexpected(call: string, answer: N8nAnswer): Error {
		return new Error(`${call} answered ${answer.status}: ${answer.text.slice(0, 500)}; log: ${this.where()}`);
	}
}
