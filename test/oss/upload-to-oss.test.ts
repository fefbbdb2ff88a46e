/** Upload to OSS through n8n's engine against the emulator's OSS (path-style, V4-verified), real sockets. */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData, IPinData } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { DEFAULT_OSS_BUCKET, startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, START } from '../../tools/sandbox/workflows/workflows';

const UPLOAD = 'Upload to OSS';
const MIB = 1024 * 1024;

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(() => emulator.reset());

interface FileItem {
	json?: IDataObject;
	bytes?: Buffer;
	mimeType?: string;
	fileName?: string;
	property?: string;
}

function pinned(items: FileItem[]): IPinData {
	return {
		[START]: items.map(
			(item): INodeExecutionData => ({
				json: item.json ?? {},
				...(item.bytes
					? {
							binary: {
								[item.property ?? 'data']: {
									data: item.bytes.toString('base64'),
									mimeType: item.mimeType ?? 'video/mp4',
									fileName: item.fileName ?? 'clip.mp4',
								},
							},
						}
					: {}),
			}),
		),
	};
}

function uploadNode(parameters: IDataObject = {}, options: IDataObject = {}) {
	return chain({
		name: UPLOAD,
		type: 'alibabaCloudUploadToOss',
		parameters: {
			bucket: DEFAULT_OSS_BUCKET,
			objectKey: '={{ "in/" + $binary.data.fileName }}',
			...parameters,
			options: { endpoint: emulator.oss.endpoint, addressingStyle: 'path', ...options },
		},
	});
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const ossRequests = () => emulator.requests.filter((request) => request.product === 'OSS');
const actions = () => ossRequests().map((request) => request.action);

describe('Upload to OSS: small files (one PutObject)', () => {
	it('stores the bytes, answers oss:// and https URLs, ETag and size, and signs with OSS V4', async () => {
		const bytes = randomBytes(300 * 1024);
		const run = await runWorkflow(uploadNode(), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes, fileName: 'trailer.mp4' }]),
		});
		expect(run.error).toBeUndefined();
		const [output] = run.output(UPLOAD);
		const stored = emulator.oss.object(DEFAULT_OSS_BUCKET, 'in/trailer.mp4');
		expect(stored).toBeDefined();
		expect(readFileSync(stored!.path).equals(bytes)).toBe(true);
		expect(stored).toMatchObject({ size: bytes.length, md5: md5(bytes), contentType: 'video/mp4', multipart: false });
		expect(output).toEqual({
			ossUrl: `oss://${DEFAULT_OSS_BUCKET}/in/trailer.mp4`,
			url: `${emulator.oss.endpoint}/${DEFAULT_OSS_BUCKET}/in/trailer.mp4`,
			bucket: DEFAULT_OSS_BUCKET,
			key: 'in/trailer.mp4',
			region: 'cn-shanghai',
			etag: md5(bytes).toUpperCase(),
			size: bytes.length,
			contentType: 'video/mp4',
			multipart: { used: false },
		});
		expect(actions()).toEqual(['PutObject']);
		const [request] = ossRequests();
		expect(request.headers.authorization).toMatch(
			/^OSS4-HMAC-SHA256 Credential=LTAI5tSandboxMediaEmulator\/\d{8}\/cn-shanghai\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
		);
		expect(request.headers['x-oss-content-sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(Object.keys(request.headers).filter((name) => name.startsWith('x-n8n'))).toEqual([]);
	});

	it('builds the key from expressions, and sends the chosen content type, ACL and storage class', async () => {
		const bytes = Buffer.from('subtitle text');
		const run = await runWorkflow(
			uploadNode(
				{ objectKey: '={{ $json.folder }}/{{ $json.id }} – {{ $binary.data.fileName }}' },
				{ contentType: 'text/vtt', acl: 'private', storageClass: 'IA' },
			),
			{
				credentials: sandboxCredentials(emulator),
				pinData: pinned([
					{ json: { folder: 'subs/2026', id: 7 }, bytes, fileName: 'ünï code.vtt', mimeType: 'text/plain' },
				]),
			},
		);
		expect(run.error).toBeUndefined();
		const key = 'subs/2026/7 – ünï code.vtt';
		expect(run.output(UPLOAD)[0]).toMatchObject({
			key,
			ossUrl: `oss://${DEFAULT_OSS_BUCKET}/${key}`,
			contentType: 'text/vtt',
		});
		expect(emulator.oss.object(DEFAULT_OSS_BUCKET, key)).toMatchObject({
			contentType: 'text/vtt',
			acl: 'private',
			storageClass: 'IA',
			size: bytes.length,
		});
		expect(emulator.oss.readObject(DEFAULT_OSS_BUCKET, key)?.equals(bytes)).toBe(true);
	});

	it('signs STS credentials with x-oss-security-token (never logged)', async () => {
		const bytes = randomBytes(1000);
		const run = await runWorkflow(uploadNode(), {
			credentials: sandboxCredentials(emulator, emulator.stsCredentials),
			pinData: pinned([{ bytes }]),
		});
		expect(run.error).toBeUndefined();
		const [request] = ossRequests();
		expect(request.accessKeyId).toBe(emulator.stsCredentials.accessKeyId);
		expect(request.headers['x-oss-security-token']).toBe('***');
		expect(emulator.oss.object(DEFAULT_OSS_BUCKET, 'in/clip.mp4')?.md5).toBe(md5(bytes));
	});
});

describe('Upload to OSS: errors say what to do next, and never show secrets', () => {
	it('a wrong AccessKey Secret: SignatureDoesNotMatch, nothing stored', async () => {
		const run = await runWorkflow(uploadNode(), {
			credentials: sandboxCredentials(emulator, { accessKeySecret: 'NotTheSecret0000000000000000' }),
			pinData: pinned([{ bytes: randomBytes(100) }]),
		});
		const error = run.nodeError(UPLOAD);
		expect(error?.message).toContain('SignatureDoesNotMatch');
		expect(error?.description).toMatch(/AccessKey Secret of the credential is probably wrong/);
		expect(JSON.stringify(run.runData)).not.toContain('NotTheSecret');
		expect(emulator.oss.objects()).toEqual([]);
	});

	it('an STS token that does not match: InvalidSecurityToken, and the token is not in the error', async () => {
		const run = await runWorkflow(uploadNode(), {
			credentials: sandboxCredentials(emulator, { ...emulator.stsCredentials, securityToken: 'WrongTokenXYZ' }),
			pinData: pinned([{ bytes: randomBytes(100) }]),
		});
		expect(run.nodeError(UPLOAD)?.message).toContain('InvalidSecurityToken');
		expect(JSON.stringify(run.runData)).not.toContain('WrongTokenXYZ');
	});

	it.each([
		['an unknown bucket', { bucket: 'no-such-bucket' }, {}, 'NoSuchBucket', /does not exist.*Region option/],
		['a region that is not the bucket’s', {}, { region: 'cn-beijing' }, 'InvalidArgument', /signing region/i],
	])('%s', async (_name, parameters, options, code, advice) => {
		const run = await runWorkflow(uploadNode(parameters, options), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes: randomBytes(100) }]),
		});
		const error = run.nodeError(UPLOAD);
		expect(error?.message).toContain(code);
		expect(`${error?.message} ${error?.description}`).toMatch(advice);
	});

	it('a RAM user without oss:PutObject: AccessDenied with the permission to grant', async () => {
		emulator.addAccount({
			accessKeyId: 'LTAI5tIceOnlyUser',
			accessKeySecret: 'IceOnlySecret',
			allowedActions: ['ice:*'],
		});
		const run = await runWorkflow(uploadNode(), {
			credentials: sandboxCredentials(emulator, { accessKeyId: 'LTAI5tIceOnlyUser', accessKeySecret: 'IceOnlySecret' }),
			pinData: pinned([{ bytes: randomBytes(100) }]),
		});
		const error = run.nodeError(UPLOAD);
		expect(error?.message).toContain('AccessDenied');
		expect(error?.description).toContain(`oss:PutObject`);
		expect(error?.description).toContain(`acs:oss:*:*:${DEFAULT_OSS_BUCKET}/in/*`);
	});

	it.each([
		[
			'a missing binary property',
			{ binaryPropertyName: 'video' },
			'Input Binary Field "video" is not a binary property of the item (it has: data) [item 0]',
		],
		['an empty bucket', { bucket: '={{ $json.bucket }}' }, 'Bucket is required but empty [item 1]'],
		['an empty object key', { objectKey: '={{ $json.key }}' }, 'Object Key is required but empty [item 1]'],
		['a key with a leading slash', { objectKey: '/in/clip.mp4' }, 'Object Key must not start with "/"'],
	])('%s is named with its item before any request', async (_name, parameters, message) => {
		const run = await runWorkflow(uploadNode(parameters), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([
				{ json: { bucket: DEFAULT_OSS_BUCKET, key: 'a.mp4' }, bytes: randomBytes(10) },
				{ json: { bucket: '', key: '' }, bytes: randomBytes(10) },
			]),
		});
		expect(run.nodeError(UPLOAD)?.message).toContain(message);
		expect(ossRequests()).toEqual([]);
	});

	it('with continueOnFail, a failing item gets its error and the other items are uploaded', async () => {
		const workflow = uploadNode({ bucket: '={{ $json.bucket }}' });
		workflow.nodes[1].onError = 'continueRegularOutput';
		const good = randomBytes(2000);
		const run = await runWorkflow(workflow, {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([
				{ json: { bucket: DEFAULT_OSS_BUCKET }, bytes: good, fileName: 'one.mp4' },
				{ json: { bucket: 'missing-bucket' }, bytes: randomBytes(10), fileName: 'two.mp4' },
				{ json: { bucket: '' }, bytes: randomBytes(10), fileName: 'three.mp4' },
				{ json: { bucket: DEFAULT_OSS_BUCKET }, bytes: good, fileName: 'four.mp4' },
			]),
		});
		expect(run.error).toBeUndefined();
		const items = run.items(UPLOAD);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(items[0].json.key).toBe('in/one.mp4');
		expect(items[1].json.error).toContain('NoSuchBucket');
		expect(items[2].json.error).toContain('Bucket is required but empty [item 2]');
		expect(items[3].json.key).toBe('in/four.mp4');
		expect(
			emulator.oss
				.objects()
				.map((object) => object.key)
				.sort(),
		).toEqual(['in/four.mp4', 'in/one.mp4']);
	});
});

describe('Upload to OSS: a redirect is an error, never followed', () => {
	// A proxy or CDN in front of a custom domain may redirect; following it would make n8n's HTTP client keep every
	// byte of the body until the answer (a whole file in memory), and OSS itself never redirects an upload.
	let redirector: Server;
	let redirectorUrl: string;
	const received: Array<{ method?: string; url?: string; bytes: number }> = [];

	beforeAll(async () => {
		redirector = createServer((req, res) => {
			const entry = { method: req.method, url: req.url, bytes: 0 };
			received.push(entry);
			req.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
			req.on('end', () => {
				res.writeHead(307, { location: `${emulator.oss.endpoint}${req.url}`, 'content-length': '0' });
				res.end();
			});
		});
		await new Promise<void>((listening) => redirector.listen(0, '127.0.0.1', listening));
		redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
	});
	afterAll(async () => new Promise<void>((closed) => redirector.close(() => closed())));
	beforeEach(() => (received.length = 0));

	it.each([
		['PutObject', {}, 'PUT', '', 2 * MIB],
		['InitiateMultipartUpload', { multipartThresholdMb: 1, partSizeMb: 1 }, 'POST', '?uploads', 0],
	])(
		'%s answered 307: the item fails saying where it pointed, and nothing reaches OSS',
		async (action, options, method, query, sent) => {
			const url = `/${DEFAULT_OSS_BUCKET}/in/clip.mp4${query}`;
			const run = await runWorkflow(uploadNode({}, { ...options, endpoint: redirectorUrl }), {
				credentials: sandboxCredentials(emulator),
				pinData: pinned([{ bytes: randomBytes(2 * MIB) }]),
			});
			const error = run.nodeError(UPLOAD);
			expect(error?.message).toBe(
				`OSS ${action} of "in/clip.mp4" in bucket "${DEFAULT_OSS_BUCKET}" failed (HTTP 307: redirected to ${emulator.oss.endpoint}${url})`,
			);
			expect(error?.description).toMatch(/does not follow redirects.*Set the OSS Endpoint Override/);
			expect(received).toEqual([{ method, url, bytes: sent }]);
			expect(ossRequests()).toEqual([]);
			expect(emulator.oss.objects()).toEqual([]);
		},
	);
});

describe('Upload to OSS: multipart above the threshold', () => {
	const multipartOptions = { multipartThresholdMb: 1, partSizeMb: 1 };

	it('initiates, uploads the parts in order and completes; the object has the bytes and a multipart ETag', async () => {
		const bytes = randomBytes(3 * MIB + 12345);
		const run = await runWorkflow(uploadNode({}, multipartOptions), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes }]),
		});
		expect(run.error).toBeUndefined();
		const [output] = run.output(UPLOAD);
		const stored = emulator.oss.object(DEFAULT_OSS_BUCKET, 'in/clip.mp4')!;
		expect(stored).toMatchObject({ size: bytes.length, sha256: sha256(bytes), multipart: true, partCount: 4 });
		expect(output).toMatchObject({
			etag: stored.etag.replace(/"/g, ''),
			size: bytes.length,
			multipart: { used: true, partCount: 4, partSize: MIB, uploadId: expect.any(String) },
		});
		expect(String(output.etag)).toMatch(/^[0-9A-F]{32}-4$/);
		expect(actions()).toEqual([
			'InitiateMultipartUpload',
			'UploadPart',
			'UploadPart',
			'UploadPart',
			'UploadPart',
			'CompleteMultipartUpload',
		]);
		expect(
			ossRequests()
				.filter((request) => request.action === 'UploadPart')
				.map((request) => request.query.partNumber),
		).toEqual(['1', '2', '3', '4']);
		expect(emulator.oss.unfinishedUploads()).toEqual([]);
	});

	it('a part that fails once is sent again with the same bytes', async () => {
		const bytes = randomBytes(2 * MIB + 1);
		emulator.faults.error({ action: 'UploadPart', status: 503, code: 'ServiceUnavailable', count: 1 });
		const run = await runWorkflow(uploadNode({}, multipartOptions), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes }]),
		});
		expect(run.error).toBeUndefined();
		expect(actions().filter((action) => action === 'UploadPart')).toHaveLength(4);
		expect(emulator.oss.object(DEFAULT_OSS_BUCKET, 'in/clip.mp4')?.sha256).toBe(sha256(bytes));
	});

	it('a part that keeps failing aborts the upload: no unfinished upload and no object remain', async () => {
		emulator.faults.error({ action: 'UploadPart', status: 500, count: 10 });
		const run = await runWorkflow(uploadNode({}, multipartOptions), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes: randomBytes(2 * MIB) }]),
		});
		const error = run.nodeError(UPLOAD);
		expect(error?.message).toContain('UploadPart');
		expect(error?.message).toContain('InternalError');
		expect(error?.description).toMatch(/was aborted: no parts are left/);
		expect(actions()).toEqual([
			'InitiateMultipartUpload',
			'UploadPart',
			'UploadPart',
			'UploadPart',
			'AbortMultipartUpload',
		]);
		expect(ossRequests().at(-1)?.status).toBe(204);
		expect(emulator.oss.unfinishedUploads()).toEqual([]);
		expect(emulator.oss.objects()).toEqual([]);
	});

	it('a connection reset during a part is retried (parts are safe to resend)', async () => {
		emulator.faults.add({ type: 'reset', action: 'UploadPart', count: 1 });
		const bytes = randomBytes(2 * MIB);
		const run = await runWorkflow(uploadNode({}, multipartOptions), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes }]),
		});
		expect(run.error).toBeUndefined();
		expect(emulator.oss.object(DEFAULT_OSS_BUCKET, 'in/clip.mp4')?.md5).toBe(md5(bytes));
		expect(emulator.oss.unfinishedUploads()).toEqual([]);
	});

	it('a Complete whose answer is lost: the retry finds the upload gone, and HeadObject confirms the object', async () => {
		emulator.faults.add({ type: 'reset', action: 'CompleteMultipartUpload', afterEffect: true, count: 1 });
		const bytes = randomBytes(2 * MIB + 5);
		const run = await runWorkflow(uploadNode({}, multipartOptions), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes }]),
		});
		expect(run.error).toBeUndefined();
		expect(actions().slice(-3)).toEqual(['CompleteMultipartUpload', 'CompleteMultipartUpload', 'HeadObject']);
		const stored = emulator.oss.object(DEFAULT_OSS_BUCKET, 'in/clip.mp4')!;
		expect(run.output(UPLOAD)[0]).toMatchObject({
			etag: stored.etag.replace(/"/g, ''),
			multipart: { used: true, partCount: 3 },
		});
		expect(stored.sha256).toBe(sha256(bytes));
	});

	it('when the abort fails too, the error names the upload ID whose parts remain', async () => {
		emulator.faults.error({
			action: 'UploadPart',
			status: 403,
			code: 'AccessDenied',
			message: 'denied by bucket policy',
		});
		emulator.faults.error({ action: 'AbortMultipartUpload', status: 500, count: 5 });
		const run = await runWorkflow(uploadNode({}, multipartOptions), {
			credentials: sandboxCredentials(emulator),
			pinData: pinned([{ bytes: randomBytes(2 * MIB) }]),
		});
		const [unfinished] = emulator.oss.unfinishedUploads();
		expect(unfinished).toBeDefined();
		const error = run.nodeError(UPLOAD);
		expect(error?.message).toContain('AccessDenied');
		expect(error?.description).toContain(
			`Aborting the multipart upload ${unfinished.uploadId} failed too (InternalError)`,
		);
		expect(actions().filter((action) => action === 'AbortMultipartUpload')).toHaveLength(3);
	});
});
