import type { JobKind, JobStatus } from '../../nodes/shared/jobs/jobKinds';
import { jobOutput, jobStatus, summarizeJob } from '../../nodes/shared/jobs/jobKinds';

// Every state api-notes lists per job kind, plus the other kinds' spellings, which must not count as finished.
const STATES: Record<JobKind, Array<[string, JobStatus]>> = {
	package: [
		['Init', 'running'],
		['Processing', 'running'],
		['Success', 'succeeded'],
		['Fail', 'failed'],
		['Failed', 'running'],
		['Succeed', 'running'],
	],
	mediaProducing: [
		['Init', 'running'],
		['Queuing', 'running'],
		['Processing', 'running'],
		['Success', 'succeeded'],
		['Failed', 'failed'],
		['Fail', 'running'],
	],
	liveEditing: [
		['Init', 'running'],
		['Queuing', 'running'],
		['Processing', 'running'],
		['Success', 'succeeded'],
		['Failed', 'failed'],
		['Canceled', 'running'],
	],
	vodWorkflow: [
		['Init', 'running'],
		['Processing', 'running'],
		['Skip', 'running'],
		['Succeed', 'succeeded'],
		['Failed', 'failed'],
		['Canceled', 'canceled'],
		['Success', 'running'],
	],
};

describe('the normalized status of every state of every job kind', () => {
	for (const [kind, states] of Object.entries(STATES) as Array<[JobKind, Array<[string, JobStatus]>]>) {
		it.each(states)(`${kind}: %s → %s`, (raw, expected) => {
			expect(jobStatus(kind, raw)).toBe(expected);
			expect(summarizeJob(kind, { Status: raw }).finished).toBe(expected !== 'running');
		});
	}

	it('an unknown or missing state is running, never finished', () => {
		for (const kind of Object.keys(STATES) as JobKind[]) {
			expect(jobStatus(kind, 'SomethingNew')).toBe('running');
			expect(jobStatus(kind, undefined)).toBe('running');
		}
	});
});

describe('summaries carry what a Slack message or an IF node needs', () => {
	it('a failed packaging job: code, message, finish time and output URL', () => {
		expect(
			summarizeJob('package', {
				JobId: 'j1',
				Status: 'Fail',
				Code: 'InvalidParameter',
				Message: 'Resource content bad.',
				CreateTime: '2026-11-22T10:00:00Z',
				FinishTime: '2026-11-22T10:01:00Z',
				OutputUrl: 'http://b.oss-cn-shanghai.aliyuncs.com/o.m3u8',
			}),
		).toEqual({
			jobKind: 'package',
			jobId: 'j1',
			status: 'failed',
			finished: true,
			rawStatus: 'Fail',
			createdAt: '2026-11-22T10:00:00Z',
			finishedAt: '2026-11-22T10:01:00Z',
			outputUrl: 'http://b.oss-cn-shanghai.aliyuncs.com/o.m3u8',
			errorCode: 'InvalidParameter',
			errorMessage: 'Resource content bad.',
		});
	});

	it('a running job has no finish time and no error even if the fields are filled', () => {
		const summary = summarizeJob('mediaProducing', { JobId: 'j2', Status: 'Processing', CompleteTime: 'x', Code: 'C' });
		expect(summary).toEqual({
			jobKind: 'mediaProducing',
			jobId: 'j2',
			status: 'running',
			finished: false,
			rawStatus: 'Processing',
		});
	});

	it('a produced video: media ID, VOD media ID and URL', () => {
		expect(
			summarizeJob('liveEditing', {
				JobId: 'j3',
				Status: 'Success',
				MediaId: 'm1',
				VodMediaId: 'v1',
				MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/clip.mp4',
				CreationTime: '2026-11-22T10:00:00Z',
				CompleteTime: '2026-11-22T10:05:00Z',
			}),
		).toMatchObject({
			status: 'succeeded',
			mediaId: 'm1',
			vodMediaId: 'v1',
			outputUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/clip.mp4',
			finishedAt: '2026-11-22T10:05:00Z',
		});
	});

	it('a failed VOD workflow task takes its error from the failed activity', () => {
		expect(
			summarizeJob('vodWorkflow', {
				TaskId: 't1',
				Status: 'Failed',
				ActivityResults: [
					{ Name: 'Start', Status: 'Success' },
					{ Name: 'Transcode', Status: 'Fail', Code: 'InvalidVideo.Damaged', Message: 'The video is damaged.' },
				],
			}),
		).toMatchObject({
			jobId: 't1',
			status: 'failed',
			errorCode: 'InvalidVideo.Damaged',
			errorMessage: 'The video is damaged.',
		});
	});

	it('jobOutput puts the normalized fields beside the raw job and the RequestId', () => {
		const job = { JobId: 'j4', Status: 'Success' };
		expect(jobOutput('package', { RequestId: 'R1', PackageJob: job })).toEqual({
			jobKind: 'package',
			jobId: 'j4',
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			job,
			requestId: 'R1',
		});
	});
});
