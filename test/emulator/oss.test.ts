/**
 * The emulator's OSS over raw HTTP: V4 verification (signature, date, region, key, token), OSS's XML errors, and
 * multipart rules. Requests are signed with credentials/oss4/signer.ts; the emulator verifies independently.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';

import { formatOssDate, ossEncode, signOss4 } from '../../alibaba/oss4/signer';
import type { Emulator } from '../../tools/sandbox/emulator';
import { DEFAULT_OSS_BUCKET, startEmulator } from '../../tools/sandbox/emulator';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(() => emulator.reset());

interface Call {
	method: string;
	key: string;
	query?: Array<[string, string]>;
	body?: Buffer | string;
	headers?: Record<string, string>;
	bucket?: string;
	region?: string;
	secret?: string;
	date?: Date;
	omit?: string[];
}

function send(call: Call): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
	const bucket = call.bucket ?? DEFAULT_OSS_BUCKET;
	const headers: Record<string, string> = {
		'x-oss-date': formatOssDate(call.date ?? new Date()),
		'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
		...(call.body !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
		...call.headers,
	};
	const signature = signOss4({
		method: call.method,
		bucket,
		key: call.key,
		query: call.query ?? [],
		headers,
		region: call.region ?? emulator.oss.region,
		accessKeyId: emulator.credentials.accessKeyId,
		accessKeySecret: call.secret ?? emulator.credentials.accessKeySecret,
	});
	headers.authorization = signature.authorization;
	for (const name of call.omit ?? []) delete headers[name];
	const search = (call.query ?? [])
		.map(([name, value]) => (value ? `${ossEncode(name)}=${ossEncode(value)}` : ossEncode(name)))
		.join('&');
	const url = new URL(`${emulator.oss.endpoint}/${bucket}/${ossEncode(call.key, true)}${search ? `?${search}` : ''}`);
	return new Promise((resolve, reject) => {
		const outgoing = request(url, { method: call.method, headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({
					status: response.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					headers: response.headers,
				}),
			);
		});
		outgoing.on('error', reject);
		outgoing.end(call.body);
	});
}

const xmlCode = (body: string) => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

describe('OSS emulator: V4 verification', () => {
	it('accepts a correctly signed PutObject and stores the bytes with their ETag', async () => {
		const body = randomBytes(5000);
		const answer = await send({ method: 'PUT', key: 'a/ü b+c.bin', body });
		expect(answer.status).toBe(200);
		const md5 = createHash('md5').update(body).digest('hex');
		expect(answer.headers.etag).toBe(`"${md5.toUpperCase()}"`);
		expect(emulator.oss.readObject(DEFAULT_OSS_BUCKET, 'a/ü b+c.bin')?.equals(body)).toBe(true);
	});

	it.each([
		['a wrong secret', 403, 'SignatureDoesNotMatch', { secret: 'wrong' }],
		['an x-oss-date 20 minutes old', 403, 'RequestTimeTooSkewed', { date: new Date(Date.now() - 20 * 60_000) }],
		['no x-oss-date', 400, 'InvalidArgument', { omit: ['x-oss-date'] }],
		['no Authorization', 403, 'AccessDenied', { omit: ['authorization'] }],
		['another region than the bucket’s', 400, 'InvalidArgument', { region: 'cn-beijing' }],
		['an unknown bucket', 404, 'NoSuchBucket', { bucket: 'nope-bucket' }],
		['user metadata (x-oss-meta-*), signed with the rest', 200, undefined, { headers: { 'x-oss-meta-a': '1' } }],
	])('%s → %s %s', async (_name, status, code, change) => {
		const answer = await send({ method: 'PUT', key: 'k.bin', body: 'x', ...change });
		expect(answer.status).toBe(status);
		expect(xmlCode(answer.body)).toBe(code);
		if (code) expect(answer.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error>\n {2}<Code>/);
	});

	it('SignatureDoesNotMatch names the string to sign, never the secret; a tampered signed header fails', async () => {
		const headers = {
			'x-oss-date': formatOssDate(new Date()),
			'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
			'content-type': 'text/plain',
		};
		const { authorization } = signOss4({
			method: 'PUT',
			bucket: DEFAULT_OSS_BUCKET,
			key: 'k',
			query: [],
			headers,
			region: emulator.oss.region,
			accessKeyId: emulator.credentials.accessKeyId,
			accessKeySecret: emulator.credentials.accessKeySecret,
		});
		const answer = await new Promise<{ status: number; body: string }>((resolve) => {
			const outgoing = request(
				`${emulator.oss.endpoint}/${DEFAULT_OSS_BUCKET}/k`,
				{
					method: 'PUT',
					headers: { ...headers, 'content-type': 'text/html', authorization },
				},
				(response) => {
					let text = '';
					response.on('data', (chunk: Buffer) => (text += chunk.toString()));
					response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
				},
			);
			outgoing.end('x');
		});
		expect(answer.status).toBe(403);
		expect(xmlCode(answer.body)).toBe('SignatureDoesNotMatch');
		expect(answer.body).toContain('<StringToSign>OSS4-HMAC-SHA256\n');
		expect(answer.body).not.toContain(emulator.credentials.accessKeySecret);
	});
});

describe('OSS emulator: multipart rules', () => {
	async function initiate(key: string): Promise<string> {
		const answer = await send({ method: 'POST', key, query: [['uploads', '']] });
		expect(answer.status).toBe(200);
		return /<UploadId>([^<]+)<\/UploadId>/.exec(answer.body)![1];
	}
	const part = (key: string, uploadId: string, partNumber: number, body: Buffer) =>
		send({
			method: 'PUT',
			key,
			query: [
				['partNumber', String(partNumber)],
				['uploadId', uploadId],
			],
			body,
		});
	const complete = (key: string, uploadId: string, parts: Array<[number, string]>) =>
		send({
			method: 'POST',
			key,
			query: [['uploadId', uploadId]],
			body: `<CompleteMultipartUpload>${parts.map(([number, etag]) => `<Part><PartNumber>${number}</PartNumber><ETag>${etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`,
		});

	it('lists unfinished uploads until they are completed or aborted', async () => {
		const uploadId = await initiate('m.bin');
		await part('m.bin', uploadId, 1, randomBytes(10));
		expect(emulator.oss.unfinishedUploads()).toMatchObject([{ uploadId, key: 'm.bin', partNumbers: [1] }]);
		expect((await send({ method: 'DELETE', key: 'm.bin', query: [['uploadId', uploadId]] })).status).toBe(204);
		expect(emulator.oss.unfinishedUploads()).toEqual([]);
		const again = await part('m.bin', uploadId, 2, randomBytes(10));
		expect([again.status, xmlCode(again.body)]).toEqual([404, 'NoSuchUpload']);
	});

	it('rejects parts out of order, unknown ETags, small middle parts and bad part numbers', async () => {
		const uploadId = await initiate('m.bin');
		const first = await part('m.bin', uploadId, 1, randomBytes(50 * 1024));
		const second = await part('m.bin', uploadId, 2, randomBytes(10));
		const etag1 = String(first.headers.etag);
		const etag2 = String(second.headers.etag);
		expect(xmlCode((await part('m.bin', uploadId, 10_001, randomBytes(1))).body)).toBe('InvalidArgument');
		expect(
			xmlCode(
				(
					await complete('m.bin', uploadId, [
						[2, etag2],
						[1, etag1],
					])
				).body,
			),
		).toBe('InvalidPartOrder');
		expect(
			xmlCode(
				(
					await complete('m.bin', uploadId, [
						[1, '"00"'],
						[2, etag2],
					])
				).body,
			),
		).toBe('InvalidPart');
		expect(
			xmlCode(
				(
					await complete('m.bin', uploadId, [
						[1, etag1],
						[2, etag2],
					])
				).body,
			),
		).toBe('EntityTooSmall');
		expect(emulator.oss.unfinishedUploads()).toHaveLength(1);
	});
});
