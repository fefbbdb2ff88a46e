import type { IDataObject } from 'n8n-workflow';

import type { JobKind } from '../../nodes/shared/jobKinds';
import { JOB_KINDS } from '../../nodes/shared/jobKinds';
import type { JobStatus } from '../../nodes/shared/jobs/declaration';
import { jobOutput, jobStatus, readJobQuery, summarizeJob, withSubmittedFields } from '../../nodes/shared/jobs/summary';

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
		['Skip', 'skipped'],
		['Succeed', 'succeeded'],
		['Failed', 'failed'],
		['Canceled', 'canceled'],
		['Success', 'running'],
	],
	// contract job_states.snapshot_job: Init, Success, Fail (no state between Init and the end).
	snapshot: [
		['Init', 'running'],
		['Processing', 'running'],
		['Success', 'succeeded'],
		['Fail', 'failed'],
		['Failed', 'running'],
	],
	// SDK ListMediaBasicInfosRequest Status: Init, Preparing, PrepareFail, Normal.
	mediaAsset: [
		['Init', 'running'],
		['Preparing', 'running'],
		['Normal', 'succeeded'],
		['PrepareFail', 'failed'],
		['Success', 'running'],
	],
	// The parent's Status: Success or Fail; absent while running (Init is the ListTranscodeJobs filter's value).
	transcode: [
		['', 'running'],
		['Init', 'running'],
		['Processing', 'running'],
		['Success', 'succeeded'],
		['Fail', 'failed'],
		['Failed', 'running'],
		['Deleted', 'running'],
	],
	// Contract media_censor_job (the State field): Queuing, Analysing, Fail, Success.
	mediaCensor: [
		['Queuing', 'running'],
		['Analysing', 'running'],
		['Success', 'succeeded'],
		['Fail', 'failed'],
		['Failed', 'running'],
	],
	// GetBatchMediaProducingJob: Init, Processing, Finished; the list adds Failed.
	batchMediaProducing: [
		['Init', 'running'],
		['Processing', 'running'],
		['Finished', 'succeeded'],
		['Failed', 'failed'],
		['Success', 'running'],
	],
};

/** A Get answer's entry with this status where the kind keeps it (a media asset: in MediaBasicInfo). */
const withStatus = (kind: JobKind, raw: string) =>
	kind === 'mediaAsset'
		? { MediaBasicInfo: { Status: raw } }
		: kind === 'mediaCensor'
			? { State: raw }
			: { Status: raw };

describe('the normalized status of every state of every job kind', () => {
	for (const [kind, states] of Object.entries(STATES) as Array<[JobKind, Array<[string, JobStatus]>]>) {
		it.each(states)(`${kind}: %s → %s`, (raw, expected) => {
			expect(jobStatus(kind, raw)).toBe(expected);
			expect(summarizeJob(kind, withStatus(kind, raw)).finished).toBe(expected !== 'running');
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
			summarizeJob('mediaProducing', {
				JobId: 'j3',
				Status: 'Success',
				MediaId: 'm1',
				VodMediaId: 'v1',
				MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/clip.mp4',
				CreateTime: '2026-11-22T10:00:00Z',
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

	// GetJobDetail's ActivityResults: JSON text keyed by workflow node, each with Result as JSON text again.
	const activity = (status: string, result: unknown) => ({
		ActivityId: 'a1',
		ActivityInstanceId: 'i1',
		StartTime: '2026-11-22T10:00:00Z',
		EndTime: '2026-11-22T10:01:00Z',
		Status: status,
		Result: typeof result === 'string' ? result : JSON.stringify(result),
	});
	const task = (activities: Record<string, unknown>) => ({
		TaskId: 't1',
		Status: 'Failed',
		ActivityResults: JSON.stringify(activities),
	});

	it.each([
		[
			'in its Result’s MessageBody',
			{
				EventType: 'TranscodeComplete',
				MessageBody: { Status: 'fail', ErrorCode: 'InvalidVideo.Damaged', ErrorMessage: 'The video is damaged.' },
			},
		],
		['at the top of its Result', { ErrorCode: 'InvalidVideo.Damaged', ErrorMessage: 'The video is damaged.' }],
		['as Code and Message', { Code: 'InvalidVideo.Damaged', Message: 'The video is damaged.' }],
	])('a failed VOD workflow task names the failed activity and its error %s', (_where, result) => {
		const summary = summarizeJob(
			'vodWorkflow',
			task({ Start: activity('Succeed', {}), Transcode: activity('Failed', result) }),
		);
		expect(summary).toMatchObject({
			jobId: 't1',
			status: 'failed',
			failedActivity: 'Transcode',
			errorCode: 'InvalidVideo.Damaged',
			errorMessage: 'The video is damaged.',
		});
		expect(summary).not.toHaveProperty('failedActivityResult');
	});

	it('a failed activity whose Result names no error: the raw Result, and no made-up code', () => {
		const result = { EventType: 'AIMediaAuditComplete', MessageBody: { Status: 'fail', VideoId: 'v1' } };
		const summary = summarizeJob(
			'vodWorkflow',
			task({ Audit: activity('Failed', result), Start: activity('Succeed', {}) }),
		);
		expect(summary).toMatchObject({
			status: 'failed',
			failedActivity: 'Audit',
			failedActivityResult: JSON.stringify(result),
		});
		expect(summary).not.toHaveProperty('errorCode');
		expect(summary).not.toHaveProperty('errorMessage');
	});

	it('a skipped VOD workflow task is finished, neither succeeded nor failed, with no error', () => {
		const summary = summarizeJob('vodWorkflow', { TaskId: 't2', Status: 'Skip', FinishTime: '2026-11-22T10:01:00Z' });
		expect(summary).toEqual({
			jobKind: 'vodWorkflow',
			jobId: 't2',
			status: 'skipped',
			finished: true,
			rawStatus: 'Skip',
			finishedAt: '2026-11-22T10:01:00Z',
		});
	});

	it('a live editing job takes its VOD media ID from the submission, never from the Get answer', () => {
		expect(summarizeJob('liveEditing', { JobId: 'j5', Status: 'Success', VodMediaId: 'x' })).not.toHaveProperty(
			'vodMediaId',
		);
		const output = { jobId: 'j5', status: 'succeeded' };
		expect(withSubmittedFields('liveEditing', output, { JobId: 'j5', VodMediaId: 'v9' })).toEqual({
			...output,
			vodMediaId: 'v9',
		});
		expect(withSubmittedFields('package', output, { JobId: 'j5', VodMediaId: 'v9' })).toEqual(output);
	});

	it('a moderation job: the verdict to branch on, each scene of the video and each part, rates as numbers', () => {
		const result = (Scene: string, Label: string, Suggestion: string, Rate: string) => ({
			Scene,
			Label,
			Suggestion,
			Rate,
		});
		const summary = summarizeJob('mediaCensor', {
			JobId: 'c1',
			State: 'Success',
			Suggestion: 'block',
			CreationTime: '2026-11-22T10:00:00Z',
			FinishTime: '2026-11-22T10:00:30Z',
			Input: { Bucket: 'media-in', Location: 'oss-cn-shanghai', Object: 'uploads/clip.mp4' },
			TitleCensorResult: result('antispam', 'normal', 'pass', '99.9'),
			DescCensorResult: result('antispam', 'ad', 'review', '87.5'),
			CoverImageCensorResults: {
				CoverImageCensorResult: [
					{ Bucket: 'media-in', Object: 'c.jpg', Results: { Result: [result('porn', 'normal', 'pass', '99')] } },
				],
			},
			VensorCensorResult: {
				CensorResults: {
					CensorResult: [result('porn', 'porn', 'block', '99.91'), result('terrorism', 'normal', 'pass', 'n/a')],
				},
			},
		});
		expect(summary).toEqual({
			jobKind: 'mediaCensor',
			jobId: 'c1',
			status: 'succeeded',
			finished: true,
			rawStatus: 'Success',
			createdAt: '2026-11-22T10:00:00Z',
			finishedAt: '2026-11-22T10:00:30Z',
			suggestion: 'block',
			scenes: [
				{ scene: 'porn', label: 'porn', suggestion: 'block', rate: 99.91 },
				{ scene: 'terrorism', label: 'normal', suggestion: 'pass' },
			],
			title: { scene: 'antispam', label: 'normal', suggestion: 'pass', rate: 99.9 },
			description: { scene: 'antispam', label: 'ad', suggestion: 'review', rate: 87.5 },
			covers: [
				{ image: 'oss://media-in/c.jpg', scenes: [{ scene: 'porn', label: 'normal', suggestion: 'pass', rate: 99 }] },
			],
			inputUrl: 'oss://media-in/uploads/clip.mp4',
		});
	});

	it('a failed moderation job: its Code and Message, no verdict', () => {
		const summary = summarizeJob('mediaCensor', {
			JobId: 'c2',
			State: 'Fail',
			Code: 'InvalidMedia',
			Message: 'Bad file.',
		});
		expect(summary).toMatchObject({ status: 'failed', errorCode: 'InvalidMedia', errorMessage: 'Bad file.' });
		expect(summary).not.toHaveProperty('suggestion');
		expect(summary).not.toHaveProperty('scenes');
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

describe('readJobQuery and the Get node spec per kind', () => {
	it.each([
		['package', { JobId: 'id-1' }, 'jobId', 'Submit Package Job'],
		['mediaProducing', { JobId: 'id-1' }, 'jobId', 'Submit Media Producing Job'],
		['liveEditing', { JobId: 'id-1' }, 'jobId', 'Submit Live Editing Job'],
		['vodWorkflow', { JobType: 'workflow', JobId: 'id-1' }, 'taskId', 'Submit VOD Workflow Job'],
		['transcode', { ParentJobId: 'id-1' }, 'parentJobId', 'Submit Transcode Job'],
		['mediaCensor', { JobId: 'id-1' }, 'jobId', 'Submit Media Censor Job'],
	] as Array<[JobKind, Record<string, string>, string, string]>)('%s', (kind, query, parameter, submitNode) => {
		expect(readJobQuery(kind, 'id-1')).toEqual(query);
		expect(JOB_KINDS[kind].getNode).toMatchObject({ parameter, submitNode });
	});
});

describe('media assets: GetMediaInfo as the media nodes output it', () => {
	const mediaInfo = {
		MediaId: 'm1',
		MediaBasicInfo: {
			MediaId: 'm1',
			Status: 'Normal',
			MediaType: 'video',
			Title: 'Launch',
			InputURL: 'https://b.oss-cn-shanghai.aliyuncs.com/in.mp4',
			CreateTime: '2026-11-22T10:00:00Z',
			ModifiedTime: '2026-11-22T10:00:03Z',
		},
		FileInfoList: [
			{ FileBasicInfo: { FileType: 'transcode_file', Duration: '1.0', Width: '320', Height: '240' } },
			{
				FileBasicInfo: {
					FileType: 'source_file',
					Duration: '216.206667',
					Width: '960',
					Height: '540',
					Bitrate: '1132.68',
					FormatName: 'mov,mp4,m4a,3gp,3g2,mj2',
					FileSize: '30611502',
				},
				VideoStreamInfoList: [{ CodecName: 'h264', Fps: '24.0' }],
				AudioStreamInfoList: [{ CodecName: 'aac' }],
			},
		],
	};

	it('reads the status from MediaBasicInfo and the numbers of the source file as numbers', () => {
		expect(jobOutput('mediaAsset', { RequestId: 'r1', MediaInfo: mediaInfo })).toEqual({
			jobKind: 'mediaAsset',
			mediaId: 'm1',
			status: 'succeeded',
			finished: true,
			rawStatus: 'Normal',
			createdAt: '2026-11-22T10:00:00Z',
			finishedAt: '2026-11-22T10:00:03Z',
			title: 'Launch',
			mediaType: 'video',
			inputUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/in.mp4',
			durationSeconds: 216.206667,
			width: 960,
			height: 540,
			bitrateKbps: 1132.68,
			format: 'mov,mp4,m4a,3gp,3g2,mj2',
			fileSizeBytes: 30611502,
			videoCodec: 'h264',
			frameRate: 24,
			audioCodec: 'aac',
			mediaInfo,
			requestId: 'r1',
		});
	});

	it('an asset still being prepared has no file facts yet and is read by MediaId', () => {
		const output = jobOutput('mediaAsset', {
			MediaInfo: { MediaId: 'm2', MediaBasicInfo: { MediaId: 'm2', Status: 'Preparing' } },
		});
		expect(output).toMatchObject({ mediaId: 'm2', status: 'running', finished: false });
		expect(output).not.toHaveProperty('durationSeconds');
		expect(readJobQuery('mediaAsset', 'm2')).toEqual({ MediaId: 'm2' });
	});
});

describe('snapshot jobs', () => {
	const { lostAnswer } = JOB_KINDS.snapshot.submit;
	const submitted = {
		query: {
			Name: 'covers',
			Input: '{"Type":"OSS","Media":"oss://media-in/launch video.mp4"}',
			Output: '{"Type":"OSS","Media":"oss://media-out/covers/cover-{Count}.jpg"}',
			TemplateConfig: '{"TemplateId":"t1","OverwriteParams":{"Type":"Normal","Count":3}}',
			ScheduleConfig: '{"PipelineId":"p1"}',
			UserData: '{"order":1}',
		},
	};
	const listed = {
		JobId: 'j1',
		Name: 'covers',
		Type: 'Normal',
		TemplateId: 't1',
		PipelineId: 'p1',
		Input: { Type: 'OSS', Media: 'oss://media-in/launch video.mp4' },
		Output: { Type: 'OSS', Media: 'oss://media-out/covers/cover-{Count}.jpg' },
	};
	const matches = (job: IDataObject) => lostAnswer.matcher(submitted)!(job);

	it('a lost answer matches the listed job with the same input, output, template, type, name and pipeline', () => {
		expect(matches(listed)).toBe(true);
		// The list may show an OSS object as its http(s) URL: the same object.
		expect(
			matches({
				...listed,
				Input: { Type: 'OSS', Media: 'http://media-in.oss-cn-shanghai.aliyuncs.com/launch%20video.mp4' },
				Output: {
					Type: 'OSS',
					Media: 'https://media-out.oss-cn-shanghai-internal.aliyuncs.com/covers/cover-{Count}.jpg',
				},
			}),
		).toBe(true);
		expect(lostAnswer.answer(listed)).toEqual({ JobId: 'j1' });
	});

	it.each([
		['another input', { Input: { Type: 'OSS', Media: 'oss://media-in/other.mp4' } }],
		['an input of another type', { Input: { Type: 'Media', Media: 'oss://media-in/launch video.mp4' } }],
		['another output bucket', { Output: { Type: 'OSS', Media: 'oss://other/covers/cover-{Count}.jpg' } }],
		['another template', { TemplateId: 't2' }],
		['another type', { Type: 'Sprite' }],
		['another name', { Name: 'sprites' }],
		['another pipeline', { PipelineId: 'p2' }],
	])('does not match a job with %s', (_case, difference) => {
		expect(matches({ ...listed, ...difference })).toBe(false);
	});

	it('states: Init runs; Success and Fail end it', () => {
		expect(summarizeJob('snapshot', { JobId: 'j1', Status: 'Init', CreateTime: '2026-11-22T10:00:00Z' })).toEqual({
			jobKind: 'snapshot',
			jobId: 'j1',
			status: 'running',
			finished: false,
			rawStatus: 'Init',
			createdAt: '2026-11-22T10:00:00Z',
		});
	});

	it('the image URLs of every page: all of them, the first as cover; the .vtt index when there is one', () => {
		const { finishedRead } = JOB_KINDS.snapshot;
		const page = (urls: string[]) => ({ SnapshotUrls: urls, Total: 31, WebVTTUrl: 'http://b/t.vtt' });
		const first = page(Array.from({ length: 30 }, (_, index) => `http://b/${index + 1}.jpg`));
		expect(finishedRead.more([first])).toBe(true);
		expect(finishedRead.more([first, page(['http://b/31.jpg'])])).toBe(false);
		// A page that brings nothing ends the read even if Total promised more.
		expect(finishedRead.more([first, page([])])).toBe(false);
		expect(finishedRead.fields([first, page(['http://b/31.jpg'])])).toEqual({
			snapshotUrls: [...(first.SnapshotUrls as string[]), 'http://b/31.jpg'],
			snapshotCount: 31,
			coverUrl: 'http://b/1.jpg',
			webVttUrl: 'http://b/t.vtt',
		});
	});
});

describe('transcoding jobs: the parent and one output per sub-job', () => {
	const subJob = (index: number, status: string, extra: Record<string, unknown> = {}) => ({
		JobId: `sub-${index}`,
		JobIndex: index,
		ParentJobId: 'p1',
		Status: status,
		Output: { Type: 'OSS', Media: `oss://b/out-${index}.mp4`, OutputUrl: `oss://b/out-${index}.mp4` },
		...extra,
	});

	it('the parent has no Status while its outputs run: running, each output with its own state', () => {
		const summary = summarizeJob('transcode', {
			ParentJobId: 'p1',
			CreateTime: '2026-11-22T10:00:00Z',
			TranscodeJobList: [subJob(1, 'Processing'), subJob(0, 'Init')],
		});
		expect(summary).toMatchObject({
			jobKind: 'transcode',
			jobId: 'p1',
			status: 'running',
			finished: false,
			rawStatus: '',
		});
		expect((summary.outputs as Array<Record<string, unknown>>).map((output) => [output.index, output.status])).toEqual([
			[0, 'running'],
			[1, 'running'],
		]);
		expect(summary).not.toHaveProperty('outputUrl');
	});

	it('a finished output: its file’s facts as numbers; one output also gives outputUrl, fileUrl and mediaId at the top', () => {
		const meta = {
			FileBasicInfo: {
				FileUrl: 'http://b.oss-cn-shanghai.aliyuncs.com/out-0.mp4',
				Width: '848',
				Height: '478',
				Duration: '403.039999',
				Bitrate: '888.563',
				FormatName: 'mov,mp4,m4a,3gp,3g2,mj2',
				FileSize: '31737',
				MediaId: 'm9',
			},
		};
		const summary = summarizeJob('transcode', {
			ParentJobId: 'p1',
			Status: 'Success',
			FinishTime: '2026-11-22T10:05:00Z',
			TranscodeJobList: [subJob(0, 'Success', { OutFileMeta: meta })],
		});
		expect(summary).toMatchObject({
			status: 'succeeded',
			finishedAt: '2026-11-22T10:05:00Z',
			outputUrl: 'oss://b/out-0.mp4',
			fileUrl: 'http://b.oss-cn-shanghai.aliyuncs.com/out-0.mp4',
			mediaId: 'm9',
			outputs: [
				{
					jobId: 'sub-0',
					index: 0,
					status: 'succeeded',
					rawStatus: 'Success',
					outputType: 'OSS',
					outputUrl: 'oss://b/out-0.mp4',
					media: 'oss://b/out-0.mp4',
					mediaId: 'm9',
					fileUrl: 'http://b.oss-cn-shanghai.aliyuncs.com/out-0.mp4',
					width: 848,
					height: 478,
					durationSeconds: 403.039999,
					bitrateKbps: 888.563,
					format: 'mov,mp4,m4a,3gp,3g2,mj2',
					fileSizeBytes: 31737,
				},
			],
		});
	});

	it('a failed job names the outputs that did not succeed (no Code or Message exists); Deleted reads as canceled', () => {
		const summary = summarizeJob('transcode', {
			ParentJobId: 'p1',
			Status: 'Fail',
			TranscodeJobList: [subJob(0, 'Success'), subJob(1, 'Fail'), subJob(2, 'Deleted')],
		});
		expect(summary).toMatchObject({
			status: 'failed',
			errorMessage:
				'2 of 3 outputs did not succeed: oss://b/out-1.mp4 (sub-job sub-1: Fail), oss://b/out-2.mp4 (sub-job sub-2: Deleted)',
		});
		expect(summary).not.toHaveProperty('errorCode');
		expect((summary.outputs as Array<Record<string, unknown>>).map((output) => output.status)).toEqual([
			'succeeded',
			'failed',
			'canceled',
		]);
	});

	it('an output to a media asset: OutputUrl with the placeholders filled, and the asset ID', () => {
		const summary = summarizeJob('transcode', {
			ParentJobId: 'p1',
			TranscodeJobList: [
				subJob(0, 'Init', { Output: { Type: 'Media', Media: 'm1', OutputUrl: 'oss://b/m1/sub-0.m3u8' } }),
			],
		});
		expect(summary).toMatchObject({ outputUrl: 'oss://b/m1/sub-0.m3u8', mediaId: 'm1' });
	});
});
