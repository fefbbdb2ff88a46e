import { Emulator, startEmulator } from '../../tools/sandbox/emulator/index';
import { admin, callSdk, rawCall, sdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';
import type OpenApi from '@alicloud/openapi-client';

let emu: Emulator;
let client: OpenApi;
beforeAll(async () => {
	emu = await startEmulator();
	client = sdk(emu);
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const json = (value: unknown): string => JSON.stringify(value);
const pkg = {
	Inputs: json([{ Input: { Type: 'OSS', Media: 'oss://b/in.mp4' } }]),
	Output: json({ Type: 'OSS', Media: 'oss://b/o.m3u8' }),
};

describe('faults', () => {
	it('next N responses as 500 InternalError / 503 ServiceUnAvailable for one action', async () => {
		emu.faults.error({ action: 'GetPackageJob', count: 2 });
		emu.faults.error({ status: 503, action: 'SubmitPackageJob' });
		expect(await sdkError(client, 'GetPackageJob', { JobId: 'x' })).toMatchObject({
			code: 'InternalError',
			statusCode: 500,
		});
		expect(await sdkError(client, 'GetPackageJob', { JobId: 'x' })).toMatchObject({ code: 'InternalError' });
		expect(await sdkError(client, 'GetPackageJob', { JobId: 'x' })).toMatchObject({ code: 'ResourceNotFound' });
		expect(await sdkError(client, 'SubmitPackageJob', pkg)).toMatchObject({
			code: 'ServiceUnAvailable',
			statusCode: 503,
		});
		expect(emu.jobs.list('package')).toHaveLength(0);
		await callSdk(client, 'SubmitPackageJob', pkg);
	});

	it('an error after the operation took effect leaves the job behind', async () => {
		emu.faults.error({ action: 'SubmitPackageJob', afterEffect: true });
		await sdkError(client, 'SubmitPackageJob', pkg);
		expect(emu.jobs.list('package')).toHaveLength(1);
	});

	it('HTML gateway errors make the SDK fail to parse', async () => {
		emu.faults.html({ status: 502 });
		const entry = await rawCall(emu, { query: { JobId: 'x' } });
		expect(entry.status).toBe(502);
		expect(entry.text).toContain('<center>nginx</center>');
		emu.faults.html({});
		await expect(callSdk(client, 'GetPackageJob', { JobId: 'x' })).rejects.toThrow(SyntaxError);
	});

	it('connection reset before and after the operation took effect', async () => {
		emu.faults.reset({ action: 'SubmitPackageJob' });
		await expect(callSdk(client, 'SubmitPackageJob', pkg)).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(emu.jobs.list('package')).toHaveLength(0);
		emu.faults.reset({ action: 'SubmitPackageJob', afterEffect: true });
		await expect(callSdk(client, 'SubmitPackageJob', pkg)).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(emu.jobs.list('package')).toHaveLength(1);
		expect(emu.requests.map((entry) => entry.outcome)).toEqual(['reset', 'reset']);
		expect(emu.requests[1].status).toBeUndefined();
	});

	it('slow responses trip the client timeout', async () => {
		emu.faults.delay(300, { action: 'GetPackageJob' });
		const slow = new (Object.getPrototypeOf(client).constructor)({
			...emu.credentials,
			endpoint: emu.endpoint,
			protocol: 'http',
			readTimeout: 100,
		});
		await expect(callSdk(slow, 'GetPackageJob', { JobId: 'x' })).rejects.toThrow(/timeout/i);
		const started = Date.now();
		expect(await sdkError(client, 'GetPackageJob', { JobId: 'x' })).toMatchObject({ code: 'ResourceNotFound' });
		expect(Date.now() - started).toBeLessThan(250);
	});

	it('throttles above a QPS with Throttling.User', async () => {
		emu.faults.throttle({ qps: 2, action: 'GetPackageJob' });
		const codes: string[] = [];
		for (let index = 0; index < 4; index++) codes.push((await sdkError(client, 'GetPackageJob', { JobId: 'x' })).code);
		expect(codes).toEqual(['ResourceNotFound', 'ResourceNotFound', 'Throttling.User', 'Throttling.User']);
		const time = await sdkError(client, 'GetPackageJob', { JobId: 'x' });
		expect([time.statusCode, time.data.Message]).toEqual([400, 'Request was denied due to user flow control.']);
		await callSdk(client, 'SubmitPackageJob', pkg);
	});
});

describe('request log', () => {
	it('records decoded params, raw body, headers, status and error code', async () => {
		await callSdk(
			client,
			'SubmitMediaProducingJob',
			{
				Source: 'OpenAPI',
				UserData: '{"note":"a b"}',
				OutputMediaConfig: json({ MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4' }),
			},
			{ Timeline: '{"VideoTracks":[{}]}' },
		);
		await sdkError(client, 'GetPackageJob', {});
		const [ok, bad] = emu.requests;
		expect(ok).toMatchObject({
			action: 'SubmitMediaProducingJob',
			version: '2020-11-09',
			product: 'ICE',
			method: 'POST',
			path: '/',
			status: 200,
			outcome: 'response',
			accessKeyId: emu.credentials.accessKeyId,
		});
		expect(ok.query.UserData).toBe('{"note":"a b"}');
		expect(ok.form).toEqual({ Timeline: '{"VideoTracks":[{}]}' });
		expect(ok.rawBody).toContain('Timeline=');
		expect(ok.headers['x-acs-action']).toBe('SubmitMediaProducingJob');
		expect(ok.errorCode).toBeUndefined();
		expect(bad).toMatchObject({ status: 400, errorCode: 'MissingParameter' });
		emu.clearRequests();
		expect(emu.requests).toHaveLength(0);
	});
});

describe('admin API', () => {
	it('controls the clock, jobs, faults, requests and reset over HTTP', async () => {
		expect((await admin(emu, 'GET', '/health')).json).toMatchObject({ ok: true, url: emu.url });
		const { JobId } = await callSdk(client, 'SubmitPackageJob', pkg);
		const before = (await admin(emu, 'GET', '/clock')).json.nowMs;
		expect((await admin(emu, 'POST', '/clock/advance', { ms: 10_000 })).json.nowMs).toBe(before + 10_000);
		expect((await admin(emu, 'GET', `/jobs/${JobId}`)).json.status).toBe('Init');
		expect((await admin(emu, 'POST', `/jobs/${JobId}/fail`, { code: 'X.Y', message: 'boom' })).json).toMatchObject({
			status: 'Fail',
			code: 'X.Y',
		});
		expect((await admin(emu, 'POST', `/jobs/${JobId}/fail`, { code: 'X.Y', message: 'boom' })).status).toBe(400);
		expect((await admin(emu, 'GET', '/jobs?kind=package')).json.jobs).toHaveLength(1);
		expect((await admin(emu, 'GET', '/jobs/nope')).status).toBe(404);
		await admin(emu, 'POST', '/faults', { type: 'error', status: 503, action: 'GetPackageJob' });
		expect((await sdkError(client, 'GetPackageJob', { JobId })).code).toBe('ServiceUnAvailable');
		await admin(emu, 'POST', '/faults', { type: 'throttle', qps: 1 });
		await admin(emu, 'DELETE', '/faults');
		await callSdk(client, 'GetPackageJob', { JobId });
		await callSdk(client, 'GetPackageJob', { JobId });
		const reqs = (await admin(emu, 'GET', '/requests')).json.requests;
		expect(reqs.map((entry: any) => entry.status)).toEqual([200, 503, 200, 200]);
		await admin(emu, 'DELETE', '/requests');
		expect(emu.requests).toHaveLength(0);
		await admin(emu, 'POST', '/accounts', { accessKeyId: 'LTAI5tOther', accessKeySecret: 'other' });
		await callSdk(sdk(emu, { accessKeyId: 'LTAI5tOther', accessKeySecret: 'other' }), 'GetPackageJob', { JobId });
		await admin(emu, 'POST', '/clock/set', { date: '2030-01-01T00:00:00Z' });
		expect(emu.clock.now()).toBe(Date.parse('2030-01-01T00:00:00Z'));
		await admin(emu, 'POST', '/reset');
		expect(emu.jobs.list()).toHaveLength(0);
		expect(
			(await sdkError(sdk(emu, { accessKeyId: 'LTAI5tOther', accessKeySecret: 'other' }), 'GetPackageJob', { JobId }))
				.code,
		).toBe('InvalidAccessKeyId.NotFound');
		expect((await admin(emu, 'GET', '/nothing')).status).toBe(404);
		expect((await admin(emu, 'POST', '/clock/advance', { ms: 'soon' })).status).toBe(400);
	});
});
