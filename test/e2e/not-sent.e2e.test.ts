/**
 * The failures before sending (the pre-send cases of test/nodes/semantics.test.ts and test/nodes/transport.test.ts)
 * in a real n8n, on n8n 2.41 and on n8n 1.123 (`npm run test:e2e:n8n1`): an invalid field, a credential without its
 * AccessKey Secret, an endpoint that is not a URL, a region that does not offer the product, a credential that no
 * longer exists, an endpoint nobody listens on, and Upload to OSS with a credential it cannot sign with. n8n wraps the
 * error each of these raises, and n8n 1.x drops the original there (`cause`): every one must still be reported as not
 * sent (or refused), never as "the outcome is unknown". One workflow, one `n8n execute`: every case is a branch of its
 * own with Continue On Fail, so each leaves its error item.
 *
 * Runs only under the e2e jest configs; under the unit-test config it skips itself.
 */
import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import {
	alibabaCredential,
	type ExecuteResult,
	N8n,
	newId,
	packageTarball,
	PACKAGE_NAME,
} from '../../tools/sandbox/n8n';
import { describeE2e } from './describeE2e';

const PACKAGE_JOB = {
	jobName: 'not-sent',
	inputs: { input: [{ type: 'OSS', media: 'oss://media-in/in.mp4' }] },
	outputType: 'OSS',
	outputMedia: 'oss://media-out/hls/index.m3u8',
};

/** A base64 text file, for Upload to OSS (a Code node's binary output). */
const FILE_CODE =
	"return [{ json: {}, binary: { data: { data: 'bm90IHNlbnQ=', mimeType: 'text/plain', fileName: 'note.txt' } } }];";

interface Case {
	node: string;
	type: string;
	parameters: Record<string, unknown>;
	credential: { id: string; name: string };
	/** Follows the Code node that makes the file (Upload to OSS), instead of the Manual Trigger. */
	needsFile?: boolean;
}

describeE2e('real n8n: failures before sending are reported as not sent, never as an unknown outcome', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	let result: ExecuteResult;

	const good = { id: newId(), name: 'Alibaba Cloud (emulator)' };
	const noSecret = { id: newId(), name: 'Alibaba Cloud (no AccessKey Secret)' };
	const notAUrl = { id: newId(), name: 'Alibaba Cloud (endpoint not a URL)' };
	const tokyo = { id: newId(), name: 'Alibaba Cloud (Tokyo, no ICE)' };
	const refused = { id: newId(), name: 'Alibaba Cloud (nobody listening)' };

	const cases: Case[] = [
		{
			node: 'Invalid field',
			type: 'alibabaCloudSubmitPackageJob',
			parameters: { ...PACKAGE_JOB, waitForCompletion: true, pollIntervalSeconds: 0 },
			credential: good,
		},
		{
			node: 'No AccessKey Secret',
			type: 'alibabaCloudSubmitPackageJob',
			parameters: PACKAGE_JOB,
			credential: noSecret,
		},
		{ node: 'Endpoint not a URL', type: 'alibabaCloudSubmitPackageJob', parameters: PACKAGE_JOB, credential: notAUrl },
		{ node: 'Region without ICE', type: 'alibabaCloudSubmitPackageJob', parameters: PACKAGE_JOB, credential: tokyo },
		{ node: 'Nobody listening', type: 'alibabaCloudSubmitPackageJob', parameters: PACKAGE_JOB, credential: refused },
		{
			node: 'Upload without a secret',
			type: 'alibabaCloudUploadToOss',
			parameters: { bucket: 'media-in', objectKey: 'not-sent/note.txt', options: {} },
			credential: noSecret,
			needsFile: true,
		},
	];

	function errorItemOf(node: string): { error: string; details: Record<string, unknown> } {
		const items = result.output(node);
		expect(items).toHaveLength(1);
		return items[0] as { error: string; details: Record<string, unknown> };
	}

	beforeAll(async () => {
		emulator = await startEmulator({ clock: 'manual', ossBuckets: ['media-in'] });
		const closed = await startEmulator();
		const closedUrl = closed.url;
		await closed.stop();
		for (const entry of cases) {
			if (entry.type === 'alibabaCloudUploadToOss') {
				entry.parameters.options = { endpoint: emulator.oss.endpoint, addressingStyle: 'path' };
			}
		}
		n8n = await N8n.create({ tarball: packageTarball(), name: 'not-sent' });
		await n8n.importCredentials([
			alibabaCredential(emulator, good),
			alibabaCredential(emulator, { ...noSecret, accessKeySecret: '' }),
			alibabaCredential(emulator, { ...notAUrl, iceEndpoint: 'https://bad host', vodEndpoint: 'https://bad host' }),
			alibabaCredential(emulator, { ...tokyo, region: 'ap-northeast-1', iceEndpoint: '' }),
			alibabaCredential(emulator, { ...refused, iceEndpoint: closedUrl }),
		]);
		const workflowId = await n8n.importWorkflow({
			name: 'e2e: failures before sending',
			nodes: [
				{
					id: newId(),
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: newId(),
					name: 'File',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
					parameters: { jsCode: FILE_CODE },
				},
				...cases.map((entry, index) => ({
					id: newId(),
					name: entry.node,
					type: `${PACKAGE_NAME}.${entry.type}`,
					typeVersion: 1,
					position: [440, index * 160],
					parameters: entry.parameters,
					credentials: { alibabaCloudApi: entry.credential },
					onError: 'continueRegularOutput',
				})),
			],
			connections: {
				Start: {
					main: [
						[
							{ node: 'File', type: 'main', index: 0 },
							...cases
								.filter((entry) => !entry.needsFile)
								.map((entry) => ({ node: entry.node, type: 'main', index: 0 })),
						],
					],
				},
				File: {
					main: [
						cases.filter((entry) => entry.needsFile).map((entry) => ({ node: entry.node, type: 'main', index: 0 })),
					],
				},
			},
		});
		result = await n8n.execute(workflowId);
		if (!result.ok) {
			throw new Error(
				`n8n execute failed: ${result.errorMessage}\nlog: ${result.logFile}\n${result.stdout.slice(-3000)}`,
			);
		}
	}, 300_000);

	afterAll(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	}, 60_000);

	it('every case ran and left an error item; nothing reached the emulator, and no outcome is unknown', () => {
		for (const entry of cases) expect(errorItemOf(entry.node).error).toEqual(expect.any(String));
		expect(emulator.requests).toEqual([]);
		expect(emulator.jobs.list('package')).toEqual([]);
		expect(emulator.oss.objects()).toEqual([]);
		const reported = cases.map((entry) => [entry.node, errorItemOf(entry.node).details.outcome]);
		expect(reported.filter(([, outcome]) => outcome === 'unknown')).toEqual([]);
	});

	it('an invalid field is refused before any request, naming the field and the item', () => {
		expect(errorItemOf('Invalid field').error).toMatch(
			/^Check Every \(Seconds\) must be a number from 1 to 3600 \(got 0\) \[item 0\]$/,
		);
	});

	it.each([
		['No AccessKey Secret', /Nothing was sent: The Alibaba Cloud credential has no AccessKey Secret\./],
		[
			'Endpoint not a URL',
			/Nothing was sent: The Intelligent Media Services \(ICE\) endpoint in the credential is not a valid http\(s\) URL/,
		],
		[
			'Region without ICE',
			/Nothing was sent: Intelligent Media Services \(ICE\) is not offered in the region Japan \(Tokyo\)/,
		],
	])('%s: "Nothing was sent", rejected, with the hint about the credential', (node, message) => {
		const item = errorItemOf(node);
		expect(item.error).toMatch(/^SubmitPackageJob failed: NotSent: Nothing was sent: /);
		expect(item.error).toMatch(message);
		expect(item.details).toMatchObject({ code: 'NotSent', outcome: 'rejected' });
		expect(item.details.description).toContain('"Alibaba Cloud API" credential');
		// Tried once: not sent again after the transport's retry delays (0.4 s + 1.5 s).
		expect(result.run?.data.resultData.runData[node][0].executionTime).toBeLessThan(1000);
	});

	it('an endpoint nobody listens on: ECONNREFUSED, rejected (nothing can have been created)', () => {
		const item = errorItemOf('Nobody listening');
		expect(item.error).toMatch(/^SubmitPackageJob failed: ECONNREFUSED: /);
		expect(item.details).toMatchObject({ code: 'ECONNREFUSED', outcome: 'rejected' });
	});

	it('Upload to OSS with a credential it cannot sign with: NotSent, nothing uploaded', () => {
		const item = errorItemOf('Upload without a secret');
		expect(item.error).toContain('no AccessKey Secret');
		expect(item.details).toMatchObject({ code: 'NotSent' });
	});
});
