/**
 * Every operation's `buildRequest`, from source (no build, no engine): the parameters of one item → the request
 * the transport signs and sends, and the field a bad value is reported on. The workflow suites in test/nodes check
 * the same nodes through n8n's engine; these tables pin the pure seam.
 */
import { submitBatchMediaProducingJob } from '../../nodes/AlibabaCloudSubmitBatchMediaProducingJob/AlibabaCloudSubmitBatchMediaProducingJob.node';
import { submitMediaCensorJob } from '../../nodes/AlibabaCloudSubmitMediaCensorJob/AlibabaCloudSubmitMediaCensorJob.node';
import { submitLiveEditingJob } from '../../nodes/AlibabaCloudSubmitLiveEditingJob/AlibabaCloudSubmitLiveEditingJob.node';
import { submitMediaProducingJob } from '../../nodes/AlibabaCloudSubmitMediaProducingJob/AlibabaCloudSubmitMediaProducingJob.node';
import { submitPackageJob } from '../../nodes/AlibabaCloudSubmitPackageJob/AlibabaCloudSubmitPackageJob.node';
import { submitSnapshotJob } from '../../nodes/AlibabaCloudSubmitSnapshotJob/AlibabaCloudSubmitSnapshotJob.node';
import { submitTranscodeJob } from '../../nodes/AlibabaCloudSubmitTranscodeJob/AlibabaCloudSubmitTranscodeJob.node';
import { submitVodWorkflowJob } from '../../nodes/AlibabaCloudSubmitVodWorkflowJob/AlibabaCloudSubmitVodWorkflowJob.node';
import type { OperationDefinition } from '../../nodes/shared/execution/executeOperation';
import { readJobOperation } from '../../nodes/shared/execution/readJob';
import { InvalidFieldError } from '../../nodes/shared/helpers/validation';
import { parameterReader } from '../support/parameters';

const ITEM = { index: 0, clientToken: 'token-0' };
const TIMELINE = '{"VideoTracks":[{"VideoTrackClips":[{"MediaId":"abc"}]}]}';
const CLIP = { startTime: '2021-06-21T08:01:00Z', endTime: '2021-06-21T08:03:00Z' };
const STREAM = { stream: { appName: 'live', domainName: 'live.example.com', streamName: 's1' } };
const TRANSCODE_INPUTS = { input: [{ type: 'OSS', media: 'oss://in/a.mp4' }] };
const TRANSCODE_OUTPUT = { type: 'OSS', media: 'oss://out/a.mp4', templateId: 'S00000001-200030' };

const cases: Array<[string, OperationDefinition, Record<string, unknown>, unknown]> = [
	[
		'Submit Package Job',
		submitPackageJob,
		{
			jobName: 'trailer',
			inputs: { input: [{ type: 'OSS', media: 'oss://in/a.mp4' }] },
			outputType: 'OSS',
			outputMedia: 'oss://out/a.m3u8',
			options: { pipelineId: 'p1', priority: 7, userData: 'hi' },
		},
		{
			query: {
				Name: 'trailer',
				Inputs: '[{"Input":{"Type":"OSS","Media":"oss://in/a.mp4"}}]',
				Output: '{"Type":"OSS","Media":"oss://out/a.m3u8"}',
				ScheduleConfig: '{"PipelineId":"p1","Priority":7}',
				UserData: 'hi',
			},
		},
	],
	[
		'Submit Media Producing Job',
		submitMediaProducingJob,
		{
			source: 'timeline',
			timeline: TIMELINE,
			outputMediaUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4',
			outputSettings: { width: 1280, height: 720 },
		},
		{
			query: {
				OutputMediaTarget: 'oss-object',
				OutputMediaConfig: '{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/o.mp4","Width":1280,"Height":720}',
				ClientToken: 'token-0',
			},
			form: { Timeline: TIMELINE },
		},
	],
	[
		'Submit Live Editing Job',
		submitLiveEditingJob,
		{
			clips: { clip: [CLIP] },
			liveStreamConfig: STREAM,
			outputMediaUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/h.mp4',
		},
		{
			query: {
				Clips: '[{"StartTime":"2021-06-21T08:01:00Z","EndTime":"2021-06-21T08:03:00Z"}]',
				LiveStreamConfig: '{"AppName":"live","DomainName":"live.example.com","StreamName":"s1"}',
				MediaProduceConfig: '{"Mode":"AccurateFast"}',
				OutputMediaTarget: 'oss-object',
				OutputMediaConfig: '{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/h.mp4"}',
			},
		},
	],
	[
		'Submit VOD Workflow Job',
		submitVodWorkflowJob,
		{ workflowId: 'wf1', mediaId: 'vid1' },
		{ query: { WorkflowId: 'wf1', MediaId: 'vid1' } },
	],
	[
		'Submit Snapshot Job (fields)',
		submitSnapshotJob,
		{
			inputMedia: 'oss://in/a.mp4',
			outputMedia: 'oss://out/a-{Count}.jpg',
			templateId: 't1',
			snapshotType: 'Sprite',
			settings: { time: 1000, count: 20, spriteColumns: 5, spriteLines: 4 },
			options: { jobName: 'covers', pipelineId: 'p1', userData: '{"k": "v"}' },
		},
		{
			query: {
				Name: 'covers',
				Input: '{"Type":"OSS","Media":"oss://in/a.mp4"}',
				Output: '{"Type":"OSS","Media":"oss://out/a-{Count}.jpg"}',
				TemplateConfig:
					'{"TemplateId":"t1","OverwriteParams":{"Type":"Sprite","Time":1000,"Count":20,"SpriteSnapshotConfig":{"Columns":5,"Lines":4}}}',
				ScheduleConfig: '{"PipelineId":"p1"}',
				UserData: '{"k":"v"}',
			},
		},
	],
	[
		'Submit Transcode Job (fields, overrides as JSON strings)',
		submitTranscodeJob,
		{
			inputs: TRANSCODE_INPUTS,
			outputs: { output: [{ ...TRANSCODE_OUTPUT, overrides: { width: 1280, height: 720, audioBitrate: 96 } }] },
			options: { jobName: 'trailer', pipelineId: 'p1', priority: 7, userData: '{"k":"v"}' },
		},
		{
			query: {
				Name: 'trailer',
				InputGroup: '[{"Type":"OSS","Media":"oss://in/a.mp4"}]',
				OutputGroup:
					'[{"Output":{"Type":"OSS","Media":"oss://out/a.mp4"},"ProcessConfig":{"Transcode":{"TemplateId":"S00000001-200030","OverwriteParams":{"Video":{"Width":"1280","Height":"720"},"Audio":{"Bitrate":"96"}}}}}]',
				ScheduleConfig: '{"PipelineId":"p1","Priority":7}',
				UserData: '{"k":"v"}',
				ClientToken: 'token-0',
			},
		},
	],
	[
		'Submit Media Censor Job, fields with every option',
		submitMediaCensorJob,
		{
			inputType: 'OSS',
			inputMedia: 'oss://in/a.mp4',
			options: {
				title: 'Launch',
				description: 'The trailer',
				barrages: 'first!',
				coverImages: { image: [{ url: 'https://b.oss-cn-shanghai.aliyuncs.com/c%201.jpg' }, { url: 'oss://b/d.jpg' }] },
				snapshotOutput: 'oss://out/f-{Count}.jpg',
				templateId: 'S00000001-100060',
				pipelineId: 'p1',
				priority: 7,
				notifyUrl: 'mns://1234.mns.cn-shanghai.aliyuncs.com/queues/q',
				userData: 'ticket-1',
			},
		},
		{
			query: {
				Input: '{"Type":"OSS","Media":"oss://in/a.mp4"}',
				Output: 'oss://out/f-{Count}.jpg',
				Title: 'Launch',
				Description: 'The trailer',
				Barrages: 'first!',
				CoverImages: '[{"Bucket":"b","Location":"oss-cn-shanghai","Object":"c 1.jpg"},{"Bucket":"b","Object":"d.jpg"}]',
				TemplateId: 'S00000001-100060',
				ScheduleConfig: '{"PipelineId":"p1","Priority":7}',
				NotifyUrl: 'mns://1234.mns.cn-shanghai.aliyuncs.com/queues/q',
				UserData: 'ticket-1',
			},
		},
	],
	[
		'Submit Snapshot Job (JSON)',
		submitSnapshotJob,
		{
			definition: 'json',
			inputJson: '{"Type": "Media", "Media": "m1"}',
			outputJson: { Type: 'OSS', Media: 'oss://out/c.jpg' },
			templateConfigJson: '{"TemplateId": "t1", "OverwriteParams": {"Count": "1", "IsSptFrag": "false"}}',
		},
		{
			query: {
				Input: '{"Type":"Media","Media":"m1"}',
				Output: '{"Type":"OSS","Media":"oss://out/c.jpg"}',
				TemplateConfig: '{"TemplateId":"t1","OverwriteParams":{"Count":1,"IsSptFrag":false}}',
			},
		},
	],
	['Get Snapshot Job', readJobOperation('snapshot'), { jobId: 'j5' }, { query: { JobId: 'j5' } }],
	[
		'Submit Transcode Job (JSON, own Client Token)',
		submitTranscodeJob,
		{
			jobDefinition: 'json',
			inputGroupJson: '[{"Type":"Media","Media":"m1"}]',
			outputGroupJson:
				'[{"Output":{"Type":"Media","Media":"m1","OutputUrl":"oss://b/{MediaId}/{JobId}.m3u8"},"ProcessConfig":{"Transcode":{"TemplateId":"t1"}}}]',
			options: { idempotencyKey: 'order-1' },
		},
		{
			query: {
				InputGroup: '[{"Type":"Media","Media":"m1"}]',
				OutputGroup:
					'[{"Output":{"Type":"Media","Media":"m1","OutputUrl":"oss://b/{MediaId}/{JobId}.m3u8"},"ProcessConfig":{"Transcode":{"TemplateId":"t1"}}}]',
				ClientToken: 'order-1',
			},
		},
	],
	[
		'Submit Media Censor Job, a media asset and nothing else',
		submitMediaCensorJob,
		{ inputType: 'Media', inputMedia: 'm1' },
		{ query: { Input: '{"Type":"Media","Media":"m1"}' } },
	],
	[
		'Submit Media Censor Job, texts only (No Video)',
		submitMediaCensorJob,
		{ inputType: 'none', inputMedia: 'ignored', options: { title: 'Hello' } },
		{ query: { Title: 'Hello' } },
	],
	[
		'Submit Media Censor Job, JSON',
		submitMediaCensorJob,
		{
			jobDefinition: 'json',
			jobJson: JSON.stringify({
				Input: { Type: 'OSS', Media: 'oss://in/a.mp4' },
				CoverImages: [{ Bucket: 'b', Object: 'c.jpg', RoleArn: 'acs:ram::1:role/r', Extra: 1 }],
				ScheduleConfig: { PipelineId: 'p1', Priority: '3' },
				UserData: 'u',
			}),
			options: { title: 'ignored in JSON mode' },
		},
		{
			query: {
				Input: '{"Type":"OSS","Media":"oss://in/a.mp4"}',
				CoverImages: '[{"Bucket":"b","Object":"c.jpg","RoleArn":"acs:ram::1:role/r","Extra":1}]',
				ScheduleConfig: '{"PipelineId":"p1","Priority":3}',
				UserData: 'u',
			},
		},
	],
	[
		'Submit Batch Media Producing Job (Fields)',
		submitBatchMediaProducingJob,
		{
			mediaGroups: { group: [{ media: 'm1, m2' }, { media: 'oss://in/c.mp4\nm4' }] },
			speechTexts: { entry: [{ text: 'Hello' }, { text: ' ' }] },
			titles: { entry: [{ text: 'Spring' }] },
			outputMediaUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/p-{index}.mp4',
			count: 2,
			options: { speechVolume: 1, mediaVolume: 0, width: 1080, height: 1920, userData: '{"k":"v"}' },
		},
		{
			query: {
				OutputConfig:
					'{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/p-{index}.mp4","Count":2,"Width":1080,"Height":1920}',
				UserData: '{"k":"v"}',
				ClientToken: 'token-0',
			},
			form: {
				InputConfig:
					'{"MediaGroupArray":[{"MediaArray":["m1","m2"]},{"MediaArray":["oss://in/c.mp4","m4"]}],"SpeechTextArray":["Hello"],"TitleArray":["Spring"]}',
				EditingConfig: '{"MediaConfig":{"Volume":0},"SpeechConfig":{"Volume":1}}',
			},
		},
	],
	[
		'Submit Batch Media Producing Job (JSON)',
		submitBatchMediaProducingJob,
		{
			mode: 'json',
			inputConfig: '{"MediaGroupArray":[{"MediaArray":["m1"]}],"SpeechTextArray":["Hi"]}',
			outputConfig: { MediaURL: 'https://b.oss-cn-shanghai.aliyuncs.com/p-{index}.mp4', Count: 3 },
			templateConfig: '["t1"]',
			options: { idempotencyKey: 'order-7' },
		},
		{
			query: {
				OutputConfig: '{"MediaURL":"https://b.oss-cn-shanghai.aliyuncs.com/p-{index}.mp4","Count":3}',
				TemplateConfig: '["t1"]',
				ClientToken: 'order-7',
			},
			form: { InputConfig: '{"MediaGroupArray":[{"MediaArray":["m1"]}],"SpeechTextArray":["Hi"]}' },
		},
	],
	['Get Package Job', readJobOperation('package'), { jobId: 'j1' }, { query: { JobId: 'j1' } }],
	['Get Transcode Job', readJobOperation('transcode'), { parentJobId: 'p1' }, { query: { ParentJobId: 'p1' } }],
	['Get Media Producing Job', readJobOperation('mediaProducing'), { jobId: 'j2' }, { query: { JobId: 'j2' } }],
	['Get Live Editing Job', readJobOperation('liveEditing'), { jobId: 'j3' }, { query: { JobId: 'j3' } }],
	['Get Media Censor Job', readJobOperation('mediaCensor'), { jobId: 'j4' }, { query: { JobId: 'j4' } }],
	[
		'Get VOD Workflow Job',
		readJobOperation('vodWorkflow'),
		{ taskId: 't1' },
		{ query: { JobType: 'workflow', JobId: 't1' } },
	],
];

describe('buildRequest: one item’s parameters → the request', () => {
	it.each(cases)('%s', (_name, operation, parameters, expected) => {
		expect(operation.buildRequest(parameterReader(parameters), ITEM)).toEqual(expected);
	});
});

const invalid: Array<[string, OperationDefinition, Record<string, unknown>, string]> = [
	['Get Package Job without a Job ID', readJobOperation('package'), {}, 'Job ID'],
	['Get VOD Workflow Job without a Task ID', readJobOperation('vodWorkflow'), { taskId: ' ' }, 'Task ID'],
	['Get Media Censor Job without a Job ID', readJobOperation('mediaCensor'), {}, 'Job ID'],
	...(
		[
			['No Video and nothing else to moderate', { inputType: 'none' }, 'Input Type'],
			['an OSS input that is no URL', { inputMedia: 'my-bucket' }, 'Input Media'],
			['a Title of 65 bytes', { options: { title: 'x'.repeat(65) } }, 'Title'],
			['a Description of 129 bytes', { options: { description: 'x'.repeat(129) } }, 'Description'],
			['User Data of 129 bytes', { options: { userData: 'é'.repeat(64) + 'x' } }, 'User Data'],
			[
				'6 cover images',
				{ options: { coverImages: { image: Array(6).fill({ url: 'oss://b/c.jpg' }) } } },
				'Cover Images',
			],
			[
				'a cover image off OSS',
				{ options: { coverImages: { image: [{ url: 'https://cdn.example.com/c.jpg' }] } } },
				'Cover Images › Image 1',
			],
			['Priority 0', { options: { priority: 0 } }, 'Priority'],
			['a Notify URL that is no MNS or http(s) URL', { options: { notifyUrl: 'queue-1' } }, 'Notify URL'],
			[
				'a Snapshot Output that is no OSS URL',
				{ options: { snapshotOutput: 'frames/{Count}.jpg' } },
				'Snapshot Output',
			],
			['JSON that does not parse', { jobDefinition: 'json', jobJson: '{"Input":' }, 'Job (JSON)'],
			[
				'JSON with a parameter the API lacks',
				{ jobDefinition: 'json', jobJson: '{"Inputs":[]}' },
				'Job (JSON) › Inputs',
			],
			[
				'JSON Input with a field its SDK model lacks',
				{ jobDefinition: 'json', jobJson: '{"Input":{"Type":"OSS","Media":"oss://b/a.mp4","Url":"x"}}' },
				'Job (JSON) › Input › Url',
			],
			[
				'JSON Input Type outside OSS, Media',
				{ jobDefinition: 'json', jobJson: '{"Input":{"Type":"URL","Media":"https://x/a.mp4"}}' },
				'Job (JSON) › Input › Type',
			],
			[
				'JSON Output as {Type, Media}',
				{
					jobDefinition: 'json',
					jobJson: '{"Input":{"Type":"Media","Media":"m1"},"Output":{"Type":"OSS","Media":"oss://b/o.jpg"}}',
				},
				'Job (JSON) › Output',
			],
			[
				'JSON ScheduleConfig Priority 11',
				{ jobDefinition: 'json', jobJson: '{"Title":"t","ScheduleConfig":{"Priority":11}}' },
				'Job (JSON) › ScheduleConfig › Priority',
			],
			[
				'JSON cover image without Object',
				{ jobDefinition: 'json', jobJson: '{"CoverImages":[{"Bucket":"b"}]}' },
				'Job (JSON) › CoverImages › 1 › Object',
			],
			['JSON with nothing to moderate', { jobDefinition: 'json', jobJson: '{"UserData":"u"}' }, 'Job (JSON)'],
		] as Array<[string, Record<string, unknown>, string]>
	).map(([problem, parameters, field]): [string, OperationDefinition, Record<string, unknown>, string] => [
		`Submit Media Censor Job with ${problem}`,
		submitMediaCensorJob,
		{ inputType: 'OSS', inputMedia: 'oss://in/a.mp4', ...parameters },
		field,
	]),
	['Submit VOD Workflow Job without a Workflow ID', submitVodWorkflowJob, { mediaId: 'vid1' }, 'Workflow ID'],
	[
		'Submit Package Job with Priority 11',
		submitPackageJob,
		{
			inputs: { input: [{ type: 'OSS', media: 'oss://in/a.mp4' }] },
			outputType: 'OSS',
			outputMedia: 'oss://out/a.m3u8',
			options: { priority: 11 },
		},
		'Priority',
	],
	[
		'Submit Transcode Job without a Template ID',
		submitTranscodeJob,
		{ inputs: TRANSCODE_INPUTS, outputs: { output: [{ ...TRANSCODE_OUTPUT, templateId: '' }] } },
		'Outputs › Output 1 › Template ID',
	],
	[
		'Submit Transcode Job with a number where the API takes text (JSON)',
		submitTranscodeJob,
		{
			jobDefinition: 'json',
			inputGroupJson: '[{"Type":"OSS","Media":"oss://in/a.mp4"}]',
			outputGroupJson:
				'[{"Output":{"Type":"OSS","Media":"oss://out/a.mp4"},"ProcessConfig":{"Transcode":{"TemplateId":"t1","OverwriteParams":{"Audio":{"Bitrate":96}}}}}]',
		},
		'Output Group (JSON) › Output 1 › ProcessConfig › Transcode › OverwriteParams › Audio › Bitrate',
	],
	['Get Transcode Job without a Parent Job ID', readJobOperation('transcode'), {}, 'Parent Job ID'],
	[
		'Submit Media Producing Job with a width over 4096',
		submitMediaProducingJob,
		{
			source: 'timeline',
			timeline: TIMELINE,
			outputMediaUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/o.mp4',
			outputSettings: { width: 5000 },
		},
		'Output Settings › Width',
	],
	[
		'Submit Snapshot Job, several normal snapshots without {Count}',
		submitSnapshotJob,
		{ inputMedia: 'oss://in/a.mp4', outputMedia: 'oss://out/a.jpg', templateId: 't1', settings: { count: 2 } },
		'Output Media',
	],
	[
		'Submit Snapshot Job, JSON with an unknown key',
		submitSnapshotJob,
		{
			definition: 'json',
			inputJson: '{"Type": "OSS", "Media": "oss://in/a.mp4"}',
			outputJson: '{"Type": "OSS", "Media": "oss://out/a.jpg"}',
			templateConfigJson: '{"TemplateId": "t1", "Overwrite": {}}',
		},
		'Template Config (JSON)',
	],
	[
		'Submit Live Editing Job with End before Start',
		submitLiveEditingJob,
		{
			clips: { clip: [{ startTime: CLIP.endTime, endTime: CLIP.startTime }] },
			liveStreamConfig: STREAM,
			outputMediaUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/h.mp4',
		},
		'End Time',
	],
	[
		'Submit Batch Media Producing Job with several videos and no {index} in the URL',
		submitBatchMediaProducingJob,
		{
			mediaGroups: { group: [{ media: 'm1' }] },
			outputMediaUrl: 'https://b.oss-cn-shanghai.aliyuncs.com/p.mp4',
			count: 2,
		},
		'Output Video URL',
	],
	[
		'Submit Batch Media Producing Job with an empty media group',
		submitBatchMediaProducingJob,
		{
			mediaGroups: { group: [{ media: 'm1' }, { media: ' , ' }] },
			outputMediaUrl: 'https://b/p-{index}.mp4',
			count: 1,
		},
		'Media Groups › Group 2 › Media',
	],
	[
		'Submit Batch Media Producing Job (JSON) without a media group',
		submitBatchMediaProducingJob,
		{ mode: 'json', inputConfig: '{"TitleArray":["t"]}', outputConfig: '{"MediaURL":"https://b/p.mp4"}' },
		'Input Config › MediaGroupArray',
	],
	[
		'Submit Batch Media Producing Job (JSON) with Template Config not a list',
		submitBatchMediaProducingJob,
		{
			mode: 'json',
			inputConfig: '{"MediaGroupArray":[{"MediaArray":["m1"]}]}',
			outputConfig: '{"MediaURL":"https://b/p.mp4"}',
			templateConfig: '{"a":1}',
		},
		'Template Config',
	],
];

describe('buildRequest: a bad value is refused, naming the field', () => {
	it.each(invalid)('%s', (_name, operation, parameters, field) => {
		let failure: unknown;
		try {
			operation.buildRequest(parameterReader(parameters), ITEM);
		} catch (error) {
			failure = error;
		}
		expect(failure).toBeInstanceOf(InvalidFieldError);
		expect((failure as InvalidFieldError).field).toContain(field);
	});
});
