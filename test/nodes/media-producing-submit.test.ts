import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import {
	mediaProducingSuite,
	OUT,
	SUBMIT,
	submitStep,
	TIMELINE,
	TIMELINE_TEXT,
	tracks,
} from '../support/mediaProducing';

const { emulators, submit } = mediaProducingSuite();

describe('Submit Media Producing Job: wire parameters', () => {
	it('minimal timeline job: Timeline in the form body only, output and a generated ClientToken in the query', async () => {
		const run = await submit();
		expect(run.status).toBe('success');

		expect(emulators.emulator.requests).toHaveLength(1);
		const [request] = emulators.emulator.requests;
		expect(request).toMatchObject({
			action: 'SubmitMediaProducingJob',
			version: '2020-11-09',
			method: 'POST',
			status: 200,
		});
		expect(request.query).toEqual({
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(request.query).not.toHaveProperty('Timeline');
		expect(request.form).toEqual({ Timeline: TIMELINE_TEXT });
		expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);

		const [job] = emulators.emulator.jobs.list('editing');
		const [output] = run.output(SUBMIT);
		expect(output).toEqual({
			RequestId: request.requestId,
			JobId: job.jobId,
			ProjectId: expect.stringMatching(/^[0-9a-f]{32}$/),
			MediaId: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
	});

	it('full configuration: every field lands in its API parameter, exactly', async () => {
		const timeline = {
			VideoTracks: [
				{
					MainTrack: true,
					VideoTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4', Out: 10 }],
				},
			],
			AudioTracks: [{ AudioTrackClips: [{ MediaId: 'f00dbabef00dbabef00dbabef00dbabe' }] }],
			ImageTracks: [{ ImageTrackClips: [{ MediaURL: 'https://media-in.oss-cn-shanghai.aliyuncs.com/logo.png' }] }],
			SubtitleTracks: [
				{ SubtitleTrackClips: [{ Type: 'Text', Content: '你好 & welcome', TimelineIn: 0, TimelineOut: 3 }] },
			],
			EffectTracks: [{ EffectTrackItems: [{ Type: 'Background', SubType: 'Blur' }] }],
		};
		const run = await submit({
			// a pretty-printed JSON field, as typed in the editor
			timeline: JSON.stringify(timeline, null, 2),
			outputTarget: 'vod-media',
			outputStorageLocation: 'outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com',
			outputFileName: 'launch.mp4',
			outputSettings: { width: 1920, height: 1080, bitrate: 4000, vodTemplateGroupId: 'VOD_NO_TRANSCODE' },
			options: {
				projectMetadata: '{ "Title": "Launch", "Description": "Q3 launch video" }',
				editingProduceConfig: '{"AutoRegisterInputVodMedia": "true", "OutputWebmTransparentChannel": "false"}',
				mediaMetadata: '{"Title": "launch-final", "Tags": "promo,q3"}',
				userData: '{"ticket": "OPS-42", "lang": "中文"}',
				notifyAddress: 'https://hooks.example.com/ims?source=n8n',
				requestSource: 'OPENAPI', // as earlier versions saved it: sent in the API reference's spelling
				idempotencyKey: 'launch-2026-q3',
				timeout: 20,
			},
		});
		expect(run.status).toBe('success');

		const [request] = emulators.emulator.requests;
		expect(request.query).toEqual({
			OutputMediaTarget: 'vod-media',
			OutputMediaConfig:
				'{"StorageLocation":"outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com","FileName":"launch.mp4","Width":1920,"Height":1080,"Bitrate":4000,"VodTemplateGroupId":"VOD_NO_TRANSCODE"}',
			ProjectMetadata: '{"Title":"Launch","Description":"Q3 launch video"}',
			EditingProduceConfig: '{"AutoRegisterInputVodMedia":"true","OutputWebmTransparentChannel":"false"}',
			MediaMetadata: '{"Title":"launch-final","Tags":"promo,q3"}',
			UserData: '{"ticket":"OPS-42","lang":"中文","NotifyAddress":"https://hooks.example.com/ims?source=n8n"}',
			Source: 'OpenAPI',
			ClientToken: 'launch-2026-q3',
		});
		expect(request.form).toEqual({ Timeline: JSON.stringify(timeline) });
		expect(run.output(SUBMIT)[0].VodMediaId).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
	});

	it('template source: TemplateId and ClipsParam in the query, no body, a template job', async () => {
		const run = await submit(
			{
				source: 'template',
				templateId: '={{ $json.template }}',
				clipsParam: '={{ $json.clips }}',
			},
			[
				{
					template: '96e8864746a0b6f3ae3e1b1a2b3c4d5e',
					clips: { video1: 'https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4', text1: 'Hi' },
				},
			],
		);
		expect(run.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(request.query).toEqual({
			TemplateId: '96e8864746a0b6f3ae3e1b1a2b3c4d5e',
			ClipsParam: '{"video1":"https://media-in.oss-cn-shanghai.aliyuncs.com/a.mp4","text1":"Hi"}',
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(request.form).toEqual({});
		expect(request.rawBody).toBe('');
		expect(emulators.emulator.jobs.list('template').map((job) => job.jobId)).toEqual([run.output(SUBMIT)[0].JobId]);
		expect(emulators.emulator.jobs.list('editing')).toHaveLength(0);
	});

	it('editing project source: ProjectId only', async () => {
		const run = await submit({ source: 'project', projectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6' });
		expect(run.status).toBe('success');
		const [request] = emulators.emulator.requests;
		expect(request.query).toEqual({
			ProjectId: 'fddd7748b58bf1d47e95a1b2c3d4e5f6',
			OutputMediaTarget: 'oss-object',
			OutputMediaConfig: `{"MediaURL":"${OUT}"}`,
			ClientToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(request.rawBody).toBe('');
		expect(run.output(SUBMIT)[0].ProjectId).toBe('fddd7748b58bf1d47e95a1b2c3d4e5f6');
	});

	it('accepts the boundaries: 100 video, 100 image and 100 subtitle tracks, 512-byte User Data, 64-char token, 4096×2160', async () => {
		const timeline = {
			VideoTracks: tracks(100, { VideoTrackClips: [] }),
			ImageTracks: tracks(100, { ImageTrackClips: [] }),
			SubtitleTracks: tracks(100, { SubtitleTrackClips: [] }),
			AudioTracks: tracks(150, { AudioTrackClips: [] }),
		};
		const userData = JSON.stringify({ k: 'x'.repeat(504) });
		expect(Buffer.byteLength(userData)).toBe(512);
		const run = await submit({
			timeline: JSON.stringify(timeline),
			outputSettings: { width: 4096, height: 2160, bitrate: 5000 },
			options: { userData, idempotencyKey: 't'.repeat(64) },
		});
		expect(run.status).toBe('success');
		expect(emulators.emulator.requests.map((request) => request.status)).toEqual([200]);
		expect(emulators.emulator.requests[0].query.UserData).toBe(userData);
		expect(emulators.emulator.requests[0].query.ClientToken).toBe('t'.repeat(64));
	});
});

describe('Submit Media Producing Job: ClientToken and idempotency', () => {
	it('generates one 32-hex token per item when the field is empty; each item gets its own job', async () => {
		const run = await submit({}, [{}, {}]);
		expect(run.status).toBe('success');
		const tokens = emulators.emulator.requests.map((request) => request.query.ClientToken);
		expect(tokens).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)]);
		expect(tokens[0]).not.toBe(tokens[1]);
		expect(emulators.emulator.jobs.list('editing')).toHaveLength(2);
	});

	it('a connection reset after the job was created is retried with the same ClientToken: exactly one job', async () => {
		emulators.emulator.faults.reset({ action: 'SubmitMediaProducingJob', afterEffect: true });
		const run = await submit();
		expect(run.status).toBe('success');

		expect(emulators.emulator.requests.map((request) => request.outcome)).toEqual(['reset', 'response']);
		const [first, second] = emulators.emulator.requests;
		expect(first.query.ClientToken).toMatch(/^[0-9a-f]{32}$/);
		expect(second.query.ClientToken).toBe(first.query.ClientToken);
		expect(second.form).toEqual(first.form);
		const jobs = emulators.emulator.jobs.list('editing');
		expect(jobs).toHaveLength(1);
		expect(run.output(SUBMIT)[0].JobId).toBe(jobs[0].jobId);
	});

	/** One execution of the same exported workflow (same node IDs) on an n8n instance, as its execution number `id`. */
	async function runOn(instance: { instanceId?: string; executionId: string }) {
		return runWorkflow(chain(submitStep({})), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{}]),
			...instance,
		});
	}

	it('two n8n instances running the same workflow as the same execution number: two tokens, two jobs', async () => {
		const staging = await runOn({ instanceId: 'staging-instance', executionId: '17' });
		const production = await runOn({ instanceId: 'production-instance', executionId: '17' });
		const tokens = emulators.emulator.requests.map((request) => request.query.ClientToken);
		expect(tokens).toHaveLength(2);
		expect(tokens[0]).not.toBe(tokens[1]);
		const jobs = emulators.emulator.jobs.list('editing');
		expect(jobs).toHaveLength(2);
		expect([staging.output(SUBMIT)[0].JobId, production.output(SUBMIT)[0].JobId].sort()).toEqual(
			jobs.map((job) => job.jobId).sort(),
		);
	});

	it('two copies of one n8n (same instance ID, as after restoring a backup) at the same execution number: two jobs', async () => {
		await runOn({ executionId: '17' });
		await runOn({ executionId: '17' });
		const tokens = emulators.emulator.requests.map((request) => request.query.ClientToken);
		expect(new Set(tokens).size).toBe(2);
		expect(emulators.emulator.jobs.list('editing')).toHaveLength(2);
	});

	it('a user-given Client Token is sent as is, and the same token twice returns the same job', async () => {
		const first = await submit({ options: { idempotencyKey: '={{ $json.order }}' } }, [{ order: 'order-4711' }]);
		const again = await submit({ options: { idempotencyKey: '={{ $json.order }}' } }, [{ order: 'order-4711' }]);
		expect(emulators.emulator.requests.map((request) => request.query.ClientToken)).toEqual([
			'order-4711',
			'order-4711',
		]);
		expect(again.output(SUBMIT)[0].JobId).toBe(first.output(SUBMIT)[0].JobId);
		expect(emulators.emulator.jobs.list('editing')).toHaveLength(1);
	});
});

describe('Submit Media Producing Job: wait for completion', () => {
	const waiting = { waitForCompletion: true, pollIntervalSeconds: 1 };

	it('returns the finished job with the normalized fields and the submission', async () => {
		const run = await submit(waiting, [{}], emulators.fast);
		expect(run.status).toBe('success');
		const [output] = run.output(SUBMIT);
		const submission = output.submission as IDataObject;
		expect(output).toMatchObject({
			jobKind: 'mediaProducing',
			jobId: submission.JobId,
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			outputUrl: OUT,
			mediaId: submission.MediaId,
			job: { JobId: submission.JobId, Status: 'Success', MediaURL: OUT, Timeline: TIMELINE_TEXT },
		});
		expect(output).not.toHaveProperty('errorCode');
		const actions = emulators.fast.requests.map((request) => request.action);
		expect(actions[0]).toBe('SubmitMediaProducingJob');
		expect(actions.slice(1).every((action) => action === 'GetMediaProducingJob')).toBe(true);
		expect(actions.length).toBeGreaterThanOrEqual(2);
	});

	it('a job that fails raises the job’s own Code and Message', async () => {
		emulators.fast.failJobsMatching({
			kind: 'editing',
			code: 'InvalidMaterial',
			message: 'The material cannot be decoded.',
		});
		const run = await submit(waiting, [{}], emulators.fast);
		const [job] = emulators.fast.jobs.list('editing');
		expect(run.status).toBe('error');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The media producing job ${job.jobId} failed: InvalidMaterial: The material cannot be decoded. [item 0]`,
		);
		expect(error?.context).toMatchObject({ code: 'InvalidMaterial', jobId: job.jobId, status: 'failed' });
	});

	it('running out of time names the JobId (manual clock: the job never finishes)', async () => {
		const run = await submit({ ...waiting, maxWaitMinutes: 0.05 });
		const [job] = emulators.emulator.jobs.list('editing');
		const error = run.nodeError(SUBMIT);
		expect(error?.message).toBe(
			`The media producing job ${job.jobId} is still running after 3 s (status Init) [item 0]`,
		);
		expect(error?.context).toMatchObject({ jobId: job.jobId, status: 'running' });
		expect(error?.description).toContain('keeps running in Alibaba Cloud');
		expect(
			emulators.emulator.requests.filter((request) => request.action === 'GetMediaProducingJob').length,
		).toBeGreaterThanOrEqual(1);
	});
});

describe('Submit Media Producing Job: continueOnFail', () => {
	it('an invalid item becomes an error item while the others are submitted', async () => {
		const run = await runWorkflow(chain(submitStep({ timeline: '={{ $json.timeline }}' }, 'continueRegularOutput')), {
			credentials: sandboxCredentials(emulators.emulator),
			pinData: startingWith([{ timeline: TIMELINE }, { timeline: {} }, { timeline: TIMELINE }]),
		});
		expect(run.status).toBe('success');
		const outputs = run.items(SUBMIT);
		expect(outputs.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(outputs[0].json.JobId).toEqual(expect.any(String));
		expect(outputs[1].json.error).toBe('Timeline needs at least one track in VideoTracks or AudioTracks [item 1]');
		expect(outputs[2].json.JobId).toEqual(expect.any(String));
		expect(emulators.emulator.requests).toHaveLength(2);
		expect(emulators.emulator.jobs.list('editing')).toHaveLength(2);
	});
});
