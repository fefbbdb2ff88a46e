import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { runWorkflow, testCredential } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';

const SUBMIT = 'Submit Package Job';
const GET = 'Get Package Job';
const ITEM = { source: 'oss://media-in/in.mp4', target: 'oss://media-out/hls/index.m3u8' };

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.stop());
beforeEach(() => emulator.reset());

function submitWorkflow(options: IDataObject = {}, onError?: 'continueRegularOutput') {
	return chain({
		name: SUBMIT,
		type: 'alibabaCloudSubmitPackageJob',
		onError,
		parameters: {
			inputs: { input: [{ type: 'OSS', media: '={{ $json.source }}' }] },
			outputType: 'OSS',
			outputMedia: '={{ $json.target }}',
			options,
		},
	});
}

function getWorkflow(options: IDataObject = {}) {
	return chain({ name: GET, type: 'alibabaCloudGetPackageJob', parameters: { jobId: '={{ $json.JobId }}', options } });
}

async function submitOne(credentials = sandboxCredentials(emulator)) {
	return runWorkflow(submitWorkflow(), { credentials, pinData: startingWith([ITEM]) });
}

async function existingJobId(): Promise<string> {
	const run = await submitOne();
	const jobId = run.output(SUBMIT)[0].JobId as string;
	emulator.clearRequests();
	return jobId;
}

describe('authentication errors reach the user with Code, RequestId and a hint, never the secret', () => {
	it('a wrong AccessKey Secret surfaces as a NodeApiError carrying SignatureDoesNotMatch and the RequestId', async () => {
		const wrongSecret = 'WrongSecretThatMustNeverLeak123';
		const run = await submitOne(sandboxCredentials(emulator, { accessKeySecret: wrongSecret }));

		const error = run.nodeError(SUBMIT);
		const [request] = emulator.requests;
		expect(request.errorCode).toBe('SignatureDoesNotMatch');
		expect(error).toMatchObject({ name: 'NodeApiError', httpCode: '400' });
		expect(error?.message).toMatch(
			/^SubmitPackageJob failed: SignatureDoesNotMatch: Specified signature does not match our calculation\./,
		);
		expect(error?.message).toContain(`(RequestId: ${request.requestId})`);
		expect(error?.context).toMatchObject({ code: 'SignatureDoesNotMatch', requestId: request.requestId });
		expect(error?.description).toContain('AccessKey Secret');
		expect(JSON.stringify(run.runData)).not.toContain(wrongSecret);
		expect(JSON.stringify(error)).not.toContain(wrongSecret);
	});

	it('an unknown AccessKey ID gives InvalidAccessKeyId.NotFound (HTTP 404)', async () => {
		const run = await submitOne(sandboxCredentials(emulator, { accessKeyId: 'LTAI5tDoesNotExist000000' }));
		expect(run.nodeError(SUBMIT)).toMatchObject({ name: 'NodeApiError', httpCode: '404' });
		expect(run.nodeError(SUBMIT)?.message).toMatch(/^SubmitPackageJob failed: InvalidAccessKeyId\.NotFound: /);
		expect(run.nodeError(SUBMIT)?.description).toContain('AccessKey ID');
	});

	it('STS credentials work, and a wrong STS token is reported without revealing either token', async () => {
		const sts = emulator.stsCredentials;
		const good = await submitOne(sandboxCredentials(emulator, { ...sts }));
		expect(good.output(SUBMIT)[0].JobId).toEqual(expect.any(String));
		expect(JSON.stringify(good.runData)).not.toContain(sts.securityToken);

		const wrongToken = `${sts.securityToken.slice(0, -6)}XXXXXX`;
		const bad = await submitOne(sandboxCredentials(emulator, { ...sts, securityToken: wrongToken }));
		const error = bad.nodeError(SUBMIT);
		expect(error?.message).toMatch(/^SubmitPackageJob failed: InvalidSecurityToken\.MismatchWithAccessKey: /);
		expect(error?.description).toContain('STS Security Token');
		for (const secret of [wrongToken, sts.securityToken, sts.accessKeySecret]) {
			expect(JSON.stringify(bad.runData)).not.toContain(secret);
		}
	});

	it('a RAM user without the action gets Forbidden.RAM with the RAM action to grant', async () => {
		emulator.addAccount({
			accessKeyId: 'LTAI5tReadOnlyOperator01',
			accessKeySecret: 'ReadOnlyOperatorSecret000000001',
			allowedActions: ['ice:Get*', 'ice:List*'],
		});
		const run = await submitOne(
			sandboxCredentials(emulator, {
				accessKeyId: 'LTAI5tReadOnlyOperator01',
				accessKeySecret: 'ReadOnlyOperatorSecret000000001',
			}),
		);
		const error = run.nodeError(SUBMIT);
		expect(error).toMatchObject({ httpCode: '403' });
		expect(error?.message).toMatch(/^SubmitPackageJob failed: Forbidden\.RAM: .*ice:SubmitPackageJob/);
		expect(error?.description).toContain('"ice:SubmitPackageJob"');
	});
});

describe('retries never duplicate a job, and an unknown outcome is reported as unknown', () => {
	it('throttling of a read is retried until it succeeds', async () => {
		const jobId = await existingJobId();
		emulator.faults.error({ action: 'GetPackageJob', status: 400, code: 'Throttling.User', count: 2 });
		const run = await runWorkflow(getWorkflow(), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ JobId: jobId }]),
		});
		expect(run.output(GET)[0].jobId).toBe(jobId);
		expect(emulator.requests.map((request) => request.errorCode ?? request.status)).toEqual([
			'Throttling.User',
			'Throttling.User',
			200,
		]);
	});

	it('a throttled submission is sent again (the service refused it) and creates exactly one job', async () => {
		emulator.faults.error({ action: 'SubmitPackageJob', status: 400, code: 'Throttling.User' });
		const run = await submitOne();
		expect(run.output(SUBMIT)[0].JobId).toEqual(expect.any(String));
		expect(emulator.requests).toHaveLength(2);
		expect(emulator.jobs.list('package')).toHaveLength(1);
	});

	it('throttling that does not stop is waited out with backoff, then fails after six attempts with the throttling hint', async () => {
		const jobId = await existingJobId();
		emulator.faults.error({ action: 'GetPackageJob', status: 400, code: 'Throttling.User', count: 10 });
		const run = await runWorkflow(getWorkflow(), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ JobId: jobId }]),
		});
		expect(run.nodeError(GET)?.message).toMatch(/^GetPackageJob failed: Throttling\.User: /);
		expect(run.nodeError(GET)?.description).toContain('Too many requests per second');
		expect(emulator.requests).toHaveLength(6);
		// Backoff with jitter between attempts: 250 ms doubling, each between half and one and a half times that.
		const gaps = emulator.requests
			.slice(1)
			.map((request, index) => Date.parse(request.time) - Date.parse(emulator.requests[index].time));
		gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(0.5 * 250 * 2 ** index - 20));
	});

	it.each([
		[
			'a 503',
			'ServiceUnAvailable',
			() => emulator.faults.error({ action: 'SubmitPackageJob', status: 503, afterEffect: true }),
		],
		[
			'a connection reset',
			'ECONNRESET',
			() => emulator.faults.reset({ action: 'SubmitPackageJob', afterEffect: true }),
		],
	])('%s after the job was created: not resubmitted; the job is found in the job list', async (_label, code, fault) => {
		fault();
		const run = await submitOne();
		expect(run.status).toBe('success');
		const [job] = emulator.jobs.list('package');
		expect(run.output(SUBMIT)[0]).toEqual({
			JobId: job.jobId,
			lostAnswer: { code, message: expect.any(String), foundWith: 'ListPackageJobs' },
		});
		expect(emulator.requests.map((request) => request.action)).toEqual(['SubmitPackageJob', 'ListPackageJobs']);
		expect(emulator.jobs.list('package')).toHaveLength(1);
	});

	it('a 503 before the job was created: the job list shows none, so the item is rejected, and safe to send again', async () => {
		emulator.faults.error({ action: 'SubmitPackageJob', status: 503 });
		const run = await runWorkflow(submitWorkflow({}, 'continueRegularOutput'), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		const [output] = run.output(SUBMIT);
		expect(output.error).toMatch(/^SubmitPackageJob failed: ServiceUnAvailable: /);
		expect(output.details).toMatchObject({ code: 'ServiceUnAvailable', outcome: 'rejected' });
		expect((output.details as IDataObject).description).toContain('no such job exists');
		expect(emulator.jobs.list('package')).toHaveLength(0);
	});

	it('items of one run with the same parameters: a lost answer stays unknown (their jobs cannot be told apart)', async () => {
		emulator.faults.reset({ action: 'SubmitPackageJob', afterEffect: true, count: 1 });
		const run = await runWorkflow(submitWorkflow({ requestsInFlight: 1 }, 'continueRegularOutput'), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM, ITEM, ITEM]),
		});
		const outputs = run.output(SUBMIT);
		expect(outputs[0].details).toMatchObject({ outcome: 'unknown' });
		expect((outputs[0].details as IDataObject).description).toContain(
			'another item of this run submitted exactly the same parameters',
		);
		expect(outputs.slice(1).map((output) => typeof output.JobId)).toEqual(['string', 'string']);
		expect(emulator.requests.map((request) => request.action)).toEqual([
			'SubmitPackageJob',
			'SubmitPackageJob',
			'SubmitPackageJob',
		]);
		expect(emulator.jobs.list('package')).toHaveLength(3);
	});

	it('two jobs with the same parameters in the list: still unknown, naming both candidates', async () => {
		const earlier = await submitOne();
		expect(earlier.status).toBe('success');
		emulator.faults.error({ action: 'SubmitPackageJob', status: 500, afterEffect: true });
		// The earlier job is no item of this run, so it is a candidate as much as the new one.
		const run = await submitOne();
		const error = run.nodeError(SUBMIT);
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		for (const job of emulator.jobs.list('package')) expect(error?.description).toContain(job.jobId);
		expect(emulator.jobs.list('package')).toHaveLength(2);
	});

	it('a connection reset on a read is retried', async () => {
		const jobId = await existingJobId();
		emulator.faults.reset({ action: 'GetPackageJob' });
		const run = await runWorkflow(getWorkflow(), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ JobId: jobId }]),
		});
		expect(run.output(GET)[0].jobId).toBe(jobId);
		expect(emulator.requests.map((request) => request.outcome)).toEqual(['reset', 'response']);
	});

	it('a submission that times out is reported as outcome unknown with the timeout, and sent once', async () => {
		emulator.faults.delay(2500, { action: 'SubmitPackageJob' });
		const run = await runWorkflow(submitWorkflow({ timeout: 1 }), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([ITEM]),
		});
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe('SubmitPackageJob failed: Timeout: No answer within 1 s (timeout)');
		// No answer at all: a job missing from the list may still be created, so the outcome stays unknown.
		expect(error?.context).toMatchObject({ outcome: 'unknown' });
		expect(error?.description).toContain('no such job is listed yet');
		expect(emulator.requests.map((request) => request.action)).toEqual(['SubmitPackageJob', 'ListPackageJobs']);
	});

	it('the default timeout is well above the official client’s 3 s: a 3.5 s answer still arrives', async () => {
		const jobId = await existingJobId();
		emulator.faults.delay(3500, { action: 'GetPackageJob' });
		const run = await runWorkflow(getWorkflow(), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ JobId: jobId }]),
		});
		expect(run.output(GET)[0].jobId).toBe(jobId);
		expect(emulator.requests).toHaveLength(1);
	});

	it('an HTML gateway page gives a clear error, not a JSON parse failure', async () => {
		const jobId = await existingJobId();
		emulator.faults.html({ action: 'GetPackageJob', status: 502, count: 3 });
		const run = await runWorkflow(getWorkflow(), {
			credentials: sandboxCredentials(emulator),
			pinData: startingWith([{ JobId: jobId }]),
		});
		expect(run.nodeError(GET)?.message).toBe(
			'GetPackageJob failed: HTTP502: Unexpected non-JSON response (HTTP 502): 502 Bad Gateway',
		);
		expect(run.nodeError(GET)?.description).toContain('gateway, proxy or firewall');
		expect(emulator.requests).toHaveLength(3);
	});

	it('an endpoint nobody listens on is reported as not sent (nothing can have been created)', async () => {
		const closed = await startEmulator();
		const url = closed.url;
		await closed.stop();
		const run = await submitOne(sandboxCredentials(emulator, { iceEndpoint: url }));
		expect(run.nodeError(SUBMIT)?.message).toMatch(/^SubmitPackageJob failed: ECONNREFUSED: /);
		expect(run.nodeError(SUBMIT)?.context).toMatchObject({ outcome: 'rejected' });
	});
});

describe('regions', () => {
	it('a node whose product is not offered in the credential’s region fails naming both, and sends nothing', async () => {
		const run = await submitOne(sandboxCredentials(emulator, { region: 'ap-northeast-1', iceEndpoint: '' }));
		expect(run.status).toBe('error');
		expect(run.nodeError(SUBMIT)?.message).toContain(
			'Intelligent Media Services (ICE) is not offered in the region Japan (Tokyo) (ap-northeast-1)',
		);
		// Known not to have left n8n: rejected, not unknown.
		expect(run.nodeError(SUBMIT)?.context).toMatchObject({ outcome: 'rejected', code: 'NotSent' });
		expect(emulator.requests).toHaveLength(0);
		expect(emulator.jobs.list('package')).toHaveLength(0);
	});
});

describe('the credential', () => {
	it('its Test button succeeds with good keys and explains bad ones', async () => {
		const good = sandboxCredentials(emulator).alibabaCloudApi;
		expect(await testCredential(good)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(emulator.requests.at(-1)).toMatchObject({
			action: 'ListPackageJobs',
			status: 200,
			query: { PageSize: '1' },
		});

		const wrongSecret = await testCredential({ ...good, accessKeySecret: 'not-the-secret' });
		expect(wrongSecret.status).toBe('Error');
		expect(wrongSecret.message).toContain('wrong AccessKey Secret');

		const unknownKey = await testCredential({ ...good, accessKeyId: 'LTAI5tNobody' });
		expect(unknownKey).toMatchObject({ status: 'Error', message: expect.stringContaining('AccessKey ID not found') });
	});

	describe('its Test button calls a read-only action of a product the region offers', () => {
		const VOD_ONLY = { region: 'ap-northeast-1', iceEndpoint: '' };

		it.each([
			['ICE and VOD', 'cn-shanghai', 'ListPackageJobs', { PageSize: '1' }],
			['ICE; VOD via cn-shanghai', 'cn-hangzhou', 'ListPackageJobs', { PageSize: '1' }],
			['VOD only', 'ap-northeast-1', 'GetMessageCallback', {}],
		])('%s (%s): %s', async (_offers, region, action, query) => {
			const iceEndpoint = region === 'ap-northeast-1' ? '' : emulator.url;
			const credentials = sandboxCredentials(emulator, { region, iceEndpoint }).alibabaCloudApi;
			expect(await testCredential(credentials)).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(emulator.requests).toHaveLength(1);
			expect(emulator.requests[0]).toMatchObject({ action, status: 200, query });
			expect(Object.keys(emulator.requests[0].query)).toEqual(Object.keys(query));
		});

		it('a VOD-only region with an ICE Endpoint set tests ICE, where the nodes will send', async () => {
			const credentials = sandboxCredentials(emulator, { region: 'ap-northeast-1' }).alibabaCloudApi;
			expect(await testCredential(credentials)).toMatchObject({ status: 'OK' });
			expect(emulator.requests[0]).toMatchObject({ action: 'ListPackageJobs', product: 'ICE' });
		});

		it('in a VOD-only region a RAM user without the VOD action is told to grant vod:GetMessageCallback', async () => {
			emulator.addAccount({
				accessKeyId: 'LTAI5tIceOnlyOperator0001',
				accessKeySecret: 'IceOnlyOperatorSecret00000001',
				allowedActions: ['ice:*'],
			});
			const credentials = sandboxCredentials(emulator, {
				...VOD_ONLY,
				accessKeyId: 'LTAI5tIceOnlyOperator0001',
				accessKeySecret: 'IceOnlyOperatorSecret00000001',
			}).alibabaCloudApi;
			const result = await testCredential(credentials);
			expect(result.status).toBe('Error');
			expect(result.message).toContain('vod:GetMessageCallback');
			expect(emulator.requests[0]).toMatchObject({ action: 'GetMessageCallback', errorCode: 'Forbidden.RAM' });
		});

		it('a wrong secret in a VOD-only region is explained as one', async () => {
			const credentials = sandboxCredentials(emulator, { ...VOD_ONLY, accessKeySecret: 'not-the-secret' });
			const result = await testCredential(credentials.alibabaCloudApi);
			expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining('wrong AccessKey Secret') });
			expect(emulator.requests[0]).toMatchObject({ action: 'GetMessageCallback', product: 'VOD' });
		});
	});

	it('signs requests of n8n’s HTTP Request node ("predefined credential type") for any RPC action', async () => {
		const jobId = await existingJobId();
		const run = await runWorkflow(
			chain({
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				withCredential: true,
				parameters: {
					method: 'POST',
					url: `${emulator.url}/`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'alibabaCloudApi',
					sendQuery: true,
					queryParameters: { parameters: [{ name: 'JobId', value: '={{ $json.JobId }}' }] },
					sendHeaders: true,
					headerParameters: {
						parameters: [
							{ name: 'x-acs-action', value: 'GetPackageJob' },
							{ name: 'x-acs-version', value: '2020-11-09' },
						],
					},
					options: {},
				},
			}),
			{ credentials: sandboxCredentials(emulator), pinData: startingWith([{ JobId: jobId }]) },
		);
		expect(run.status).toBe('success');
		expect(run.output('HTTP Request')[0]).toMatchObject({ PackageJob: { JobId: jobId } });
		expect(emulator.requests.at(-1)).toMatchObject({ action: 'GetPackageJob', status: 200 });
	});
});
