import { Emulator, startEmulator } from '../../tools/sandbox/emulator/index';
import { callSdk, isoNow, rawCall, sdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';

let emu: Emulator;
let wall = 0;
beforeAll(async () => {
	emu = await startEmulator({ wallClock: () => Date.now() + wall });
});
afterAll(() => emu.stop());
beforeEach(() => {
	emu.reset();
	wall = 0;
});

const packageQuery = {
	Inputs: JSON.stringify([{ Input: { Type: 'OSS', Media: 'oss://bucket/in.mp4' } }]),
	Output: JSON.stringify({ Type: 'OSS', Media: 'oss://bucket/out/index.m3u8' }),
};

describe('authentication', () => {
	it('accepts the official SDK with the sandbox AccessKey and with STS credentials', async () => {
		const ak = await callSdk(sdk(emu), 'SubmitPackageJob', packageQuery);
		expect(ak.JobId).toMatch(/^[0-9a-f]{32}$/);
		const sts = await callSdk(sdk(emu, emu.stsCredentials), 'GetPackageJob', { JobId: ak.JobId });
		expect(sts.PackageJob.JobId).toBe(ak.JobId);
		const logged = emu.requests.find((request) => request.accessKeyId === emu.stsCredentials.accessKeyId)!;
		expect(logged.headers['x-acs-security-token']).toBe('***');
		expect(JSON.stringify(emu.requests)).not.toContain(emu.credentials.accessKeySecret);
		expect(JSON.stringify(emu.requests)).not.toContain(emu.stsCredentials.securityToken);
	});

	it('accepts a raw request signed by openapi-util, with a Content-Length or a chunked form body', async () => {
		const ok1 = await rawCall(emu, {
			action: 'SubmitPackageJob',
			query: { Inputs: packageQuery.Inputs },
			form: { Output: packageQuery.Output },
		});
		expect(ok1.status).toBe(200);
		const ok2 = await rawCall(emu, {
			action: 'SubmitPackageJob',
			query: { Inputs: packageQuery.Inputs },
			form: { Output: packageQuery.Output },
			chunked: true,
		});
		expect(ok2.status).toBe(200);
	});

	it('a wrong secret is SignatureDoesNotMatch, echoing the string to sign', async () => {
		const err = await sdkError(sdk(emu, { ...emu.credentials, accessKeySecret: 'wrong' }), 'GetPackageJob', {
			JobId: 'x',
		});
		expect(err.code).toBe('SignatureDoesNotMatch');
		expect(err.statusCode).toBe(400);
		expect(err.data.Message).toMatch(
			/^Specified signature does not match our calculation\. The server string to sign is: ACS3-HMAC-SHA256\n[0-9a-f]{64}$/,
		);
		expect(Object.keys(err.data).sort()).toEqual(
			['Code', 'HostId', 'Message', 'Recommend', 'RequestId', 'statusCode'].sort(),
		);
		expect(err.data.HostId).toBe('ice.cn-shanghai.aliyuncs.com');
	});

	it('a tampered query or body is SignatureDoesNotMatch', async () => {
		const search = await rawCall(emu, { query: { JobId: 'a' }, rawQuery: 'JobId=b' });
		expect(search.body.Code).toBe('SignatureDoesNotMatch');
		const right = await rawCall(emu, {
			form: { JobId: 'a' },
			contentSha: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		});
		expect(right.body.Code).toBe('SignatureDoesNotMatch');
		expect(right.body.Message).toContain('x-acs-content-sha256');
	});

	it('an unknown AccessKey is InvalidAccessKeyId.NotFound (404)', async () => {
		const err = await sdkError(sdk(emu, { accessKeyId: 'LTAI5tNobody', accessKeySecret: 'x' }), 'GetPackageJob', {
			JobId: 'x',
		});
		expect([err.code, err.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
	});

	it('checks x-acs-date against the real clock and its format', async () => {
		expect((await rawCall(emu, { date: isoNow(-16 * 60_000) })).body.Code).toBe('InvalidTimeStamp.Expired');
		expect((await rawCall(emu, { date: isoNow(16 * 60_000) })).body.Code).toBe('InvalidTimeStamp.Expired');
		expect((await rawCall(emu, { date: isoNow(-14 * 60_000), query: { JobId: 'none' } })).body.Code).toBe(
			'ResourceNotFound',
		);
		expect((await rawCall(emu, { date: new Date().toUTCString() })).body.Code).toBe('InvalidTimeStamp.Format');
		// Virtual time does not matter for signatures.
		emu.clock.advance(3 * 3600_000);
		expect((await rawCall(emu, { query: { JobId: 'none' } })).body.Code).toBe('ResourceNotFound');
	});

	it('a reused nonce is SignatureNonceUsed', async () => {
		const nonce = 'fixed-nonce-1234';
		expect((await rawCall(emu, { nonce, query: { JobId: 'n' } })).body.Code).toBe('ResourceNotFound');
		const again = await rawCall(emu, { nonce, query: { JobId: 'n' } });
		expect([again.status, again.body.Code]).toEqual([400, 'SignatureNonceUsed']);
	});

	it('STS: missing, wrong and expired security tokens', async () => {
		const { securityToken, ...noToken } = emu.stsCredentials;
		expect((await rawCall(emu, { creds: noToken })).body.Code).toBe('MissingSecurityToken');
		expect((await rawCall(emu, { creds: { ...noToken, securityToken: securityToken + 'x' } })).body.Code).toBe(
			'InvalidSecurityToken.MismatchWithAccessKey',
		);
		emu.addAccount({
			accessKeyId: 'STS.Expiring',
			accessKeySecret: 's3cr3t',
			securityToken: 'tok',
			securityTokenExpiresAt: Date.now() + 60_000,
		});
		const creds = { accessKeyId: 'STS.Expiring', accessKeySecret: 's3cr3t', securityToken: 'tok' };
		expect((await rawCall(emu, { creds, query: { JobId: 'z' } })).body.Code).toBe('ResourceNotFound');
		wall = 61_000;
		const err = await sdkError(sdk(emu, creds), 'GetPackageJob', { JobId: 'z' });
		expect(err.code).toBe('InvalidSecurityToken.Expired');
	});

	it('missing, garbled or unsigned required headers are IncompleteSignature', async () => {
		expect((await rawCall(emu, { authorization: null })).body.Code).toBe('IncompleteSignature');
		expect((await rawCall(emu, { authorization: 'ACS3-HMAC-SHA256 nonsense' })).body.Code).toBe('IncompleteSignature');
		for (const header of [
			'host',
			'x-acs-action',
			'x-acs-version',
			'x-acs-date',
			'x-acs-signature-nonce',
			'x-acs-content-sha256',
		]) {
			const entry = await rawCall(emu, { unsigned: [header] });
			expect([header, entry.status, entry.body.Code]).toEqual([header, 400, 'IncompleteSignature']);
		}
		expect((await rawCall(emu, { form: { JobId: 'a' }, unsigned: ['content-type'] })).body.Code).toBe(
			'IncompleteSignature',
		);
		expect((await rawCall(emu, { creds: emu.stsCredentials, unsigned: ['x-acs-security-token'] })).body.Code).toBe(
			'IncompleteSignature',
		);
	});

	it('checks the signature before the action, then RAM, then parameters', async () => {
		const bad = sdk(emu, { ...emu.credentials, accessKeySecret: 'nope' });
		expect((await sdkError(bad, 'NoSuchAction')).code).toBe('SignatureDoesNotMatch');
		const unknown = await sdkError(sdk(emu), 'NoSuchAction');
		expect([unknown.code, unknown.statusCode]).toEqual(['InvalidAction.NotFound', 404]);
		expect((await rawCall(emu, { action: 'SubmitWorkflowJob', version: '2020-11-09' })).body.Code).toBe(
			'InvalidAction.NotFound',
		);
		emu.addAccount({
			accessKeyId: 'LTAI5tReadOnly',
			accessKeySecret: 'ro-secret',
			allowedActions: ['ice:Get*', 'ice:List*'],
		});
		const ro = sdk(emu, { accessKeyId: 'LTAI5tReadOnly', accessKeySecret: 'ro-secret' });
		const denied = await sdkError(ro, 'SubmitPackageJob', {});
		expect([denied.code, denied.statusCode]).toEqual(['Forbidden.RAM', 403]);
		expect(denied.data.Message).toContain('ice:SubmitPackageJob');
		expect((await sdkError(ro, 'GetPackageJob', {})).code).toBe('MissingParameter');
	});
});
