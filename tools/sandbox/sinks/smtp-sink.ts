/**
 * A minimal SMTP server on 127.0.0.1 for end-to-end tests: accepts every message (no TLS; AUTH PLAIN/LOGIN with any
 * user and password, or none) and records it. Enough for nodemailer, which n8n's Send Email node uses.
 *
 * ```ts
 * const smtp = await startSmtpSink();
 * // n8n SMTP credential: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' }
 * const mail = await smtp.waitForMessage((m) => m.subject.includes(jobId));
 * await smtp.stop();
 * ```
 */
import { createServer, type Server, type Socket } from 'node:net';

import { Recorder } from './recorder';

export interface ReceivedMail {
	/** Envelope (MAIL FROM / RCPT TO), lower-cased addresses without angle brackets. */
	envelope: { from: string; to: string[] };
	/** Header values as sent (RFC 2047 words decoded). */
	from: string;
	to: string;
	subject: string;
	/** The text/plain body (decoded), '' if none. */
	text: string;
	/** The text/html body (decoded), '' if none. */
	html: string;
	/** Lower-case header names → decoded values (the first occurrence). */
	headers: Record<string, string>;
	/** The DATA section as received (dot-unstuffed). */
	raw: string;
	/** AUTH user, if the client authenticated. */
	authUser?: string;
	/** The EHLO/HELO name the client gave. */
	clientName: string;
	receivedAt: Date;
}

export interface SmtpSink {
	host: string;
	port: number;
	readonly messages: ReceivedMail[];
	/** Resolves with the first message (already received or arriving) that matches; rejects after timeoutMs. */
	waitForMessage(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
	/** SMTP conversation lines (C: client, S: server), for diagnosing a failed delivery. */
	readonly transcript: string[];
	clear(): void;
	stop(): Promise<void>;
}

const HOSTNAME = 'smtp-sink.test';

export async function startSmtpSink(options: { host?: string; port?: number } = {}): Promise<SmtpSink> {
	const host = options.host ?? '127.0.0.1';
	const transcript: string[] = [];
	const received = new Recorder<ReceivedMail>(
		'smtp-sink',
		(mails) =>
			JSON.stringify(mails.map((match) => ({ to: match.envelope.to, subject: match.subject }))) +
			`\ntranscript:\n${transcript.slice(-40).join('\n')}`,
	);
	const messages = received.items;
	const sockets = new Set<Socket>();
	let queued = 0;

	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		socket.setEncoding('latin1'); // bytes as they are; decoded per part below
		const send = (line: string) => {
			transcript.push(`S: ${line}`);
			if (!socket.destroyed) socket.write(`${line}\r\n`);
		};

		let buffer = '';
		let clientName = '';
		let authUser: string | undefined;
		let from = '';
		let to: string[] = [];
		let dataLines: string[] | undefined;
		let authState: 'plain' | 'login-user' | 'login-pass' | undefined;

		const resetEnvelope = () => {
			from = '';
			to = [];
			dataLines = undefined;
		};

		const onLine = (line: string) => {
			if (dataLines) {
				if (line === '.') {
					const raw = dataLines.join('\r\n');
					dataLines = undefined;
					const mail = parseMessage(raw, { from, to }, clientName, authUser);
					received.add(mail);
					transcript.push(`C: <${raw.length} bytes of DATA>`);
					send(`250 2.0.0 Ok: queued as SINK${++queued}`);
					resetEnvelope();
				} else {
					dataLines.push(line.startsWith('..') ? line.slice(1) : line);
				}
				return;
			}
			transcript.push(`C: ${authState ? '<credentials>' : line}`);
			if (authState === 'plain') {
				authUser = decodePlain(line);
				authState = undefined;
				return send('235 2.7.0 Authentication successful');
			}
			if (authState === 'login-user') {
				authUser = Buffer.from(line, 'base64').toString('utf8');
				authState = 'login-pass';
				return send('334 UGFzc3dvcmQ6');
			}
			if (authState === 'login-pass') {
				authState = undefined;
				return send('235 2.7.0 Authentication successful');
			}
			const [verb = '', ...rest] = line.split(' ');
			const argument = rest.join(' ');
			switch (verb.toUpperCase()) {
				case 'EHLO':
					clientName = argument;
					resetEnvelope();
					send(`250-${HOSTNAME} greets ${argument}`);
					send('250-8BITMIME');
					send('250-SIZE 26214400');
					send('250 AUTH PLAIN LOGIN');
					return;
				case 'HELO':
					clientName = argument;
					resetEnvelope();
					return send(`250 ${HOSTNAME}`);
				case 'AUTH': {
					const [mechanism = '', initial] = argument.split(' ');
					if (mechanism.toUpperCase() === 'PLAIN') {
						if (initial) {
							authUser = decodePlain(initial);
							return send('235 2.7.0 Authentication successful');
						}
						authState = 'plain';
						return send('334 ');
					}
					if (mechanism.toUpperCase() === 'LOGIN') {
						if (initial) {
							authUser = Buffer.from(initial, 'base64').toString('utf8');
							authState = 'login-pass';
							return send('334 UGFzc3dvcmQ6');
						}
						authState = 'login-user';
						return send('334 VXNlcm5hbWU6');
					}
					return send('504 5.5.4 Unrecognized authentication type');
				}
				case 'MAIL':
					from = address(argument);
					to = [];
					return send('250 2.1.0 Ok');
				case 'RCPT':
					if (!from) return send('503 5.5.1 Error: need MAIL command');
					to.push(address(argument));
					return send('250 2.1.5 Ok');
				case 'DATA':
					if (!to.length) return send('503 5.5.1 Error: need RCPT command');
					dataLines = [];
					return send('354 End data with <CR><LF>.<CR><LF>');
				case 'RSET':
					resetEnvelope();
					return send('250 2.0.0 Ok');
				case 'NOOP':
					return send('250 2.0.0 Ok');
				case 'STARTTLS':
					return send('454 4.7.0 TLS not available');
				case 'QUIT':
					send('221 2.0.0 Bye');
					socket.end();
					return;
				default:
					return send('502 5.5.2 Error: command not recognized');
			}
		};

		socket.on('data', (chunk: string) => {
			buffer += chunk;
			let index: number;
			while ((index = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, index).replace(/\r$/, '');
				buffer = buffer.slice(index + 1);
				onLine(line);
			}
		});
		send(`220 ${HOSTNAME} ESMTP smtp-sink`);
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const address_ = server.address();
	const port = typeof address_ === 'object' && address_ ? address_.port : 0;

	return {
		host,
		port,
		messages,
		transcript,
		clear() {
			received.clear();
			transcript.length = 0;
		},
		waitForMessage: (predicate, timeoutMs) => received.waitFor(predicate, timeoutMs),
		stop: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

function address(argument: string): string {
	const match = /<([^>]*)>/.exec(argument) ?? /:\s*(\S+)/.exec(argument);
	return (match?.[1] ?? '').trim().toLowerCase();
}

function decodePlain(base64: string): string {
	// authzid \0 authcid \0 password
	return Buffer.from(base64, 'base64').toString('utf8').split('\0')[1] ?? '';
}

// ---- message parsing: enough MIME for nodemailer's output --------------------------------------------------------

interface Part {
	headers: Record<string, string>;
	body: string;
}

function splitHeaders(raw: string): Part {
	const cut = raw.search(/\r?\n\r?\n/);
	const head = cut < 0 ? raw : raw.slice(0, cut);
	const body = cut < 0 ? '' : raw.slice(cut).replace(/^\r?\n\r?\n/, '');
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		const name = line.slice(0, colon).trim().toLowerCase();
		if (!(name in headers)) headers[name] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

function charsetOf(contentType: string): BufferEncoding {
	const charset = /charset="?([^";\s]+)"?/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
	return charset === 'utf-8' || charset === 'utf8' ? 'utf8' : 'latin1';
}

/** The body of a part as text: transfer encoding undone, bytes decoded with the part's charset. */
function decodeBody(part: Part): string {
	const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
	const charset = charsetOf(part.headers['content-type'] ?? '');
	let bytes: Buffer;
	if (encoding === 'base64') {
		bytes = Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
	} else if (encoding === 'quoted-printable') {
		const unwrapped = part.body.replace(/=\r?\n/g, '');
		const out: number[] = [];
		for (let index = 0; index < unwrapped.length; index++) {
			const hex = unwrapped.slice(index + 1, index + 3);
			if (unwrapped[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
				out.push(parseInt(hex, 16));
				index += 2;
			} else {
				out.push(unwrapped.charCodeAt(index) & 0xff);
			}
		}
		bytes = Buffer.from(out);
	} else {
		bytes = Buffer.from(part.body, 'latin1');
	}
	return bytes.toString(charset).replace(/\r\n/g, '\n');
}

/** RFC 2047 encoded words (=?utf-8?B?…?= / =?utf-8?Q?…?=) in a header value. */
function decodeHeader(value: string): string {
	return value
		.replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, kind: string, text: string) => {
			const enc: BufferEncoding = /^utf-?8$/i.test(charset) ? 'utf8' : 'latin1';
			if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString(enc);
			const bytes = text
				.replace(/_/g, ' ')
				.replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16)));
			return Buffer.from(bytes, 'latin1').toString(enc);
		});
}

function leafParts(part: Part, into: Part[] = []): Part[] {
	const contentType = part.headers['content-type'] ?? 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
	if (/^multipart\//i.test(contentType) && boundary) {
		const sections = part.body.split(`--${boundary}`).slice(1);
		for (const section of sections) {
			if (section.startsWith('--')) break;
			leafParts(splitHeaders(section.replace(/^\r?\n/, '')), into);
		}
	} else {
		into.push(part);
	}
	return into;
}

function parseMessage(
	raw: string,
	envelope: { from: string; to: string[] },
	clientName: string,
	authUser: string | undefined,
): ReceivedMail {
	const message = splitHeaders(raw);
	const headers = Object.fromEntries(
		Object.entries(message.headers).map(([name, value]) => [
			name,
			decodeHeader(Buffer.from(value, 'latin1').toString('utf8')),
		]),
	);
	let text = '';
	let html = '';
	for (const part of leafParts(message)) {
		const type = (part.headers['content-type'] ?? 'text/plain').toLowerCase();
		if (/attachment/i.test(part.headers['content-disposition'] ?? '')) continue;
		if (!text && type.startsWith('text/plain')) text = decodeBody(part);
		else if (!html && type.startsWith('text/html')) html = decodeBody(part);
	}
	return {
		envelope: { from: envelope.from, to: [...envelope.to] },
		from: headers.from ?? '',
		to: headers.to ?? '',
		subject: headers.subject ?? '',
		text,
		html,
		headers,
		raw,
		authUser,
		clientName,
		receivedAt: new Date(),
	};
}
