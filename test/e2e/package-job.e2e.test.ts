/**
 * The whole chain in a real n8n (2.41, and 1.123 under jest.n8n1.config.js): the package installed from its `npm pack` tarball as a community package,
 * credentials and workflows imported with n8n's CLI, `n8n execute`, requests signed for real and checked by the
 * emulator, an email delivered over SMTP, and the credential's Test button through n8n's REST API.
 *
 * Runs only under test/e2e/jest.config.js (`npm run test:e2e`); under the unit-test config it skips itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import { alibabaCredential, N8n, newId, packageTarball, PACKAGE_NAME, smtpCredential } from '../../tools/sandbox/n8n';
import type { SmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import { startSmtpSink } from '../../tools/sandbox/sinks/smtp-sink';
import type { WebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { startWebhookSink } from '../../tools/sandbox/sinks/webhook-sink';
import { describeE2e } from './describeE2e';

const SUBMIT = 'Submit Package Job';
const GET = 'Get Package Job';
const EMAIL = 'Send Email';
const RECIPIENT = 'media-ops@example.com';
const SENDER = 'n8n@example.com';
const SOURCE = 'oss://media-in/e2e/trailer.mp4';
const TARGET = 'oss://media-out/e2e/trailer/index.m3u8';

function node(
	name: string,
	type: string,
	item: number,
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) {
	return { id: newId(), name, type, typeVersion: 1, position: [item, 0], parameters, ...extra };
}

function connect(...names: string[]) {
	const connections: Record<string, unknown> = {};
	for (let index = 0; index < names.length - 1; index++) {
		connections[names[index]] = { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] };
	}
	return connections;
}

describeE2e('real n8n: Submit Package Job → Get Package Job → Send Email', () => {
	let emulator: Emulator;
	let smtp: SmtpSink;
	let n8n: N8n | undefined;
	const alibaba = { id: newId(), name: 'Alibaba Cloud (emulator)' };
	const smtpCredentialId = newId();

	beforeAll(async () => {
		emulator = await startEmulator({ clock: 'manual' });
		smtp = await startSmtpSink();
		n8n = await N8n.create({ tarball: packageTarball(), name: 'package-job' });
		await n8n.importCredentials([alibabaCredential(emulator, alibaba), smtpCredential(smtp, { id: smtpCredentialId })]);
	}, 300_000);

	afterAll(async () => {
		// Always: n8n stopped (SIGTERM, then SIGKILL), servers closed, even when a test failed.
		await n8n?.dispose();
		await smtp?.stop();
		await emulator?.stop();
	}, 60_000);

	const credentials = { alibabaCloudApi: { id: alibaba.id, name: alibaba.name } };

	it('installs the package where n8n keeps community packages, without peerDependencies', () => {
		const installed = JSON.parse(
			readFileSync(join(n8n!.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
		);
		expect(installed.name).toBe(PACKAGE_NAME);
		expect(installed.peerDependencies).toBeUndefined();
		expect(installed.devDependencies).toBeUndefined();
		expect(installed.n8n.nodes.length).toBeGreaterThanOrEqual(2);
		const ledger = JSON.parse(readFileSync(join(n8n!.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8'));
		expect(ledger.dependencies[PACKAGE_NAME]).toBe(installed.version);
	});

	let jobId = '';

	it('runs the workflow with `n8n execute`: signed requests accepted, job read back, email delivered', async () => {
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: package job and email',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(
					SUBMIT,
					`${PACKAGE_NAME}.alibabaCloudSubmitPackageJob`,
					220,
					{
						jobName: 'e2e-trailer-hls',
						inputs: { input: [{ type: 'OSS', media: SOURCE }] },
						outputType: 'OSS',
						outputMedia: TARGET,
					},
					{ credentials },
				),
				node(GET, `${PACKAGE_NAME}.alibabaCloudGetPackageJob`, 440, { jobId: '={{ $json.JobId }}' }, { credentials }),
				{
					...node(EMAIL, 'n8n-nodes-base.emailSend', 660, {
						fromEmail: SENDER,
						toEmail: RECIPIENT,
						subject: `=Packaging job {{ $('${SUBMIT}').item.json.JobId }} submitted`,
						emailFormat: 'text',
						text: `=Job {{ $json.jobId }} is {{ $json.status }} (Alibaba status {{ $json.rawStatus }}).\nOutput: ${TARGET}`,
						options: { appendAttribution: false },
					}),
					typeVersion: 2.1,
					credentials: { smtp: { id: smtpCredentialId, name: 'SMTP sink' } },
				},
			],
			connections: connect('Start', SUBMIT, GET, EMAIL),
		});

		const result = await n8n!.execute(workflowId);
		if (!result.ok) {
			throw new Error(
				`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}\n${result.stdout.slice(-3000)}`,
			);
		}

		// n8n's output
		const [submitted] = result.output(SUBMIT);
		expect(submitted.JobId).toMatch(/^[0-9a-f]{32}$/);
		jobId = submitted.JobId;
		const [read] = result.output(GET);
		expect(read).toMatchObject({ jobId, status: 'running', finished: false });
		const [sent] = result.output(EMAIL);
		expect(sent.accepted).toEqual([RECIPIENT]);
		expect(result.run?.mode).toBe('cli');

		// what the emulator received: two signed requests, both accepted, in this order
		const calls = emulator.requests.map((entry) => ({
			action: entry.action,
			status: entry.status,
			errorCode: entry.errorCode,
			key: entry.accessKeyId,
		}));
		expect(calls).toEqual([
			{ action: 'SubmitPackageJob', status: 200, errorCode: undefined, key: emulator.credentials.accessKeyId },
			{ action: 'GetPackageJob', status: 200, errorCode: undefined, key: emulator.credentials.accessKeyId },
		]);
		for (const request of emulator.requests) {
			expect(request.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=/);
			expect(request.version).toBe('2020-11-09');
		}
		expect(emulator.requests[0].query).toMatchObject({
			Name: 'e2e-trailer-hls',
			Output: `{"Type":"OSS","Media":"${TARGET}"}`,
		});
		expect(emulator.requests[1].query).toEqual({ JobId: jobId });
		expect(emulator.jobs.get(jobId)).toBeDefined();

		// the email, as the SMTP server received it
		const mail = await smtp.waitForMessage((match) => match.subject.includes(jobId), 10_000);
		expect(mail.envelope).toEqual({ from: SENDER, to: [RECIPIENT] });
		expect(mail.subject).toBe(`Packaging job ${jobId} submitted`);
		expect(mail.text).toContain(`Job ${jobId} is running (Alibaba status`);
		expect(mail.text).toContain(TARGET);
	});

	it('reads the finished job in a second execution, after the emulator clock moved on', async () => {
		expect(jobId).not.toBe('');
		emulator.clearRequests();
		emulator.clock.advance(10 * 60_000);
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: read a finished job',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(GET, `${PACKAGE_NAME}.alibabaCloudGetPackageJob`, 220, { jobId }, { credentials }),
			],
			connections: connect('Start', GET),
		});
		const result = await n8n!.execute(workflowId);
		expect(result.errorMessage).toBeUndefined();
		expect(result.output(GET)[0]).toMatchObject({
			jobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl: 'http://media-out.oss-cn-shanghai.aliyuncs.com/e2e/trailer/index.m3u8',
		});
		expect(emulator.requests.map((request) => [request.action, request.status])).toEqual([['GetPackageJob', 200]]);
	});

	it('reports a refused request as a failed execution with the Alibaba error', async () => {
		const wrongSecret = { id: newId(), name: 'Alibaba Cloud (wrong secret)' };
		await n8n!.importCredentials([alibabaCredential(emulator, { ...wrongSecret, accessKeySecret: 'not-the-secret' })]);
		const workflowId = await n8n!.importWorkflow({
			name: 'e2e: wrong secret',
			nodes: [
				node('Start', 'n8n-nodes-base.manualTrigger', 0, {}),
				node(
					GET,
					`${PACKAGE_NAME}.alibabaCloudGetPackageJob`,
					220,
					{ jobId },
					{
						credentials: { alibabaCloudApi: wrongSecret },
					},
				),
			],
			connections: connect('Start', GET),
		});
		emulator.clearRequests();
		const result = await n8n!.execute(workflowId);
		expect(result.ok).toBe(false);
		expect(result.exitCode).not.toBe(0);
		expect(result.errorMessage).toMatch(/SignatureDoesNotMatch|signature|secret/i);
		expect(emulator.requests.map((entry) => entry.errorCode)).toEqual(['SignatureDoesNotMatch']);
	});

	describe('under `n8n start`', () => {
		const badSecret = { id: newId(), name: 'Alibaba Cloud (bad secret)' };
		const unknownKey = { id: newId(), name: 'Alibaba Cloud (unknown key)' };
		const noPermission = { id: newId(), name: 'Alibaba Cloud (no ListPackageJobs)' };
		const vodOnlyRegion = { id: newId(), name: 'Alibaba Cloud (Tokyo, VOD only)' };
		const notAUrl = { id: newId(), name: 'Alibaba Cloud (endpoint not a URL)' };

		let hook: WebhookSink;
		let watchedJobId = '';

		beforeAll(async () => {
			// An active (published) workflow that runs by itself under `n8n start`: every 2 s, read a finished job and
			// post it to a Slack-style incoming webhook.
			hook = await startWebhookSink();
			[watchedJobId] = emulator.seedJobs({ kind: 'package', count: 1, status: 'Success' });
			const scheduled = await n8n!.importWorkflow({
				name: 'e2e: scheduled job report',
				nodes: [
					{
						...node('Every 2 s', 'n8n-nodes-base.scheduleTrigger', 0, {
							rule: { interval: [{ field: 'seconds', secondsInterval: 2 }] },
						}),
						typeVersion: 1.2,
					},
					node(GET, `${PACKAGE_NAME}.alibabaCloudGetPackageJob`, 220, { jobId: watchedJobId }, { credentials }),
					{
						...node('Post to Slack', 'n8n-nodes-base.httpRequest', 440, {
							method: 'POST',
							url: `${hook.url}/services/T000/B000/XXXX`,
							sendBody: true,
							specifyBody: 'json',
							jsonBody: '={{ JSON.stringify({ text: `Packaging job ${$json.jobId} is ${$json.status}` }) }}',
							options: {},
						}),
						typeVersion: 4.2,
					},
				],
				connections: connect('Every 2 s', GET, 'Post to Slack'),
			});
			await n8n!.publishWorkflow(scheduled);
			emulator.addAccount({
				accessKeyId: 'LTAI5tE2eNoListPermission',
				accessKeySecret: 'E2eSecretWithoutList0000',
				allowedActions: ['ice:GetPackageJob'],
			});
			await n8n!.importCredentials([
				alibabaCredential(emulator, { ...badSecret, accessKeySecret: 'not-the-secret' }),
				alibabaCredential(emulator, { ...unknownKey, accessKeyId: 'LTAI5tNoSuchKey0000000000' }),
				alibabaCredential(
					{
						url: emulator.url,
						credentials: { accessKeyId: 'LTAI5tE2eNoListPermission', accessKeySecret: 'E2eSecretWithoutList0000' },
					},
					noPermission,
				),
				alibabaCredential(emulator, { ...vodOnlyRegion, region: 'ap-northeast-1', iceEndpoint: '' }),
				alibabaCredential(emulator, { ...notAUrl, iceEndpoint: 'https://bad host' }),
			]);
			await n8n!.start();
			await n8n!.setupOwnerAndLogin();
		}, 300_000);

		afterAll(async () => {
			await n8n?.stop();
			await hook?.stop();
		}, 60_000);

		it('runs a published workflow by itself: schedule → Get Package Job → Slack-style webhook', async () => {
			const posted = await hook.waitForRequest((request) => request.json?.text?.includes(watchedJobId), 60_000);
			expect(posted.method).toBe('POST');
			expect(posted.path).toBe('/services/T000/B000/XXXX');
			expect(posted.headers['content-type']).toMatch(/^application\/json/);
			expect(posted.json).toEqual({ text: `Packaging job ${watchedJobId} is succeeded` });
			expect(
				emulator.requests.some(
					(request) =>
						request.action === 'GetPackageJob' && request.query.JobId === watchedJobId && request.status === 200,
				),
			).toBe(true);
		});

		it('lists the package’s nodes and credential in the editor’s type files', async () => {
			const nodes = await n8n!.request('/types/nodes.json');
			expect(nodes.status).toBe(200);
			const names = (nodes.body as Array<{ name: string }>).map((type) => type.name);
			expect(names).toEqual(
				expect.arrayContaining([
					`${PACKAGE_NAME}.alibabaCloudSubmitPackageJob`,
					`${PACKAGE_NAME}.alibabaCloudGetPackageJob`,
				]),
			);
			const credentialTypes = await n8n!.request('/types/credentials.json');
			expect((credentialTypes.body as Array<{ name: string }>).map((type) => type.name)).toContain('alibabaCloudApi');
		});

		it('credential Test: good keys succeed, bad keys fail with the package’s message', async () => {
			// (the scheduled workflow keeps calling GetPackageJob meanwhile)
			const listCalls = () => emulator.requests.filter((request) => request.action === 'ListPackageJobs');
			emulator.clearRequests();
			const good = await n8n!.testCredential(alibaba);
			if (good.status !== 'OK')
				throw new Error(`Test of the good credential failed: ${good.message}; log: ${n8n!.serverLogFile()}`);
			expect({ good, requests: listCalls().map((entry) => [entry.action, entry.status, entry.errorCode]) }).toEqual({
				good: { status: 'OK', message: expect.any(String) },
				requests: [['ListPackageJobs', 200, undefined]],
			});

			// n8n 1.x's Test reads the HTTP status of a refused call from the error's `cause`, which n8n 1.x drops: it
			// shows its own text for the status instead of the credential's hint (README, Compatibility).
			const expected =
				n8n!.runtime.major >= 2
					? {
							wrongSecret: /Alibaba Cloud rejected the request \(HTTP 400\)/,
							notFound: /AccessKey ID not found/,
							forbidden: /ice:ListPackageJobs/,
						}
					: {
							wrongSecret: /^Bad request - please check your parameters$/,
							notFound: /^The resource you are requesting could not be found$/,
							forbidden: /^Forbidden - perhaps check your credentials\?$/,
						};
			const wrongSecret = await n8n!.testCredential(badSecret);
			expect(wrongSecret.status).toBe('Error');
			expect(wrongSecret.message).toMatch(expected.wrongSecret);

			const notFound = await n8n!.testCredential(unknownKey);
			expect(notFound.status).toBe('Error');
			expect(notFound.message).toMatch(expected.notFound);

			const forbidden = await n8n!.testCredential(noPermission);
			expect(forbidden.status).toBe('Error');
			expect(forbidden.message).toMatch(expected.forbidden);

			// Refused by the credential before sending: its own words, on n8n 1.x as well.
			expect(await n8n!.testCredential(notAUrl)).toEqual({
				status: 'Error',
				message: expect.stringMatching(
					/^The Intelligent Media Services \(ICE\) endpoint in the credential is not a valid http\(s\) URL/,
				),
			});

			expect(listCalls().map((entry) => entry.errorCode)).toEqual([
				undefined,
				'SignatureDoesNotMatch',
				'InvalidAccessKeyId.NotFound',
				'Forbidden.RAM',
			]);

			// A region without ICE: the Test reads VOD instead of failing before it sends.
			emulator.clearRequests();
			expect(await n8n!.testCredential(vodOnlyRegion)).toMatchObject({ status: 'OK' });
			expect(
				emulator.requests
					.filter((request) => request.action !== 'GetPackageJob')
					.map((request) => [request.action, request.product, request.status]),
			).toEqual([['GetMessageCallback', 'VOD', 200]]);
		});
	});
});
