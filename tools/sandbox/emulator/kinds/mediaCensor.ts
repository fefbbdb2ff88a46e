/**
 * ICE content moderation: SubmitMediaCensorJob, QueryMediaCensorJobDetail, QueryMediaCensorJobList. Jobs report
 * `State` (Queuing, Analysing, Success, Fail) and, once done, a verdict `Suggestion` (pass, review, block) overall
 * and per part: title, description, barrages (scene antispam), cover images and the video (scenes porn, terrorism,
 * ad, live, logo; a timeline of frames every 5 s). Every part passes unless a verdict rule (or a seed's verdict)
 * says otherwise. Lists sit inside objects (`MediaCensorJobList.MediaCensorJob[]`, `...CensorResults.CensorResult[]`)
 * and the video results are spelled `VensorCensorResult`, as the contract has them. No ClientToken; no callback
 * event (none documented for these jobs).
 */
import { isoSeconds } from '../clock';
import { invalidParameter } from '../errors';
import { declare } from '../engine/format';
import { param, Reader } from '../engine/parameters';
import { decodeOffset, encodeOffset } from '../engine/paging';
import { field } from '../engine/schema';
import type { Job } from '../jobs';
import { JsonObject, optional } from '../params';
import type { OperationContext } from '../operations/context';
import { SOURCE_SECONDS } from './common/files';
import { dataFilter, statusFilter } from './common/filters';
import { checkOssUrl, mediaObject, numbered, ossFile } from './common/media';
import { pipelineOf, scheduleConfig } from './common/schedule';

/**
 * Scenes and their labels, from Alibaba's moderation result docs (video and image scenes) and the contract's text
 * labels (Title/Desc/Barrage `Label` enum, scene `antispam`). The first label of each is the one a verdict without
 * a Label gets.
 */
const LABELS: Record<string, readonly string[]> = {
	porn: ['porn', 'sexy', 'normal'],
	terrorism: ['bloody', 'explosion', 'outfit', 'logo', 'weapon', 'politics', 'violence', 'crowd', 'parade'].concat([
		'carcrash',
		'flag',
		'location',
		'others',
		'normal',
	]),
	ad: ['ad', 'politics', 'porn', 'abuse', 'terrorism', 'contraband', 'spam', 'npx', 'qrcode', 'programCode', 'normal'],
	live: ['meaningless', 'PIP', 'smoking', 'drivelive', 'normal'],
	logo: ['TV', 'trademark', 'normal'],
	antispam: ['spam', 'ad', 'abuse', 'flood', 'contraband', 'meaningless', 'normal'],
};
const VIDEO_SCENES = ['porn', 'terrorism', 'ad', 'live', 'logo'];
const IMAGE_SCENES = ['porn', 'terrorism', 'ad'];
const SUGGESTIONS = ['pass', 'review', 'block'];
const FRAME_EVERY_SECONDS = 5;
const NOT_FOUND = { status: 404, code: 'ResourceNotFound', noun: 'media censor job' };

/** `{Suggestion, Scene?, Label?}`: a video/image scene marks the video and cover images, antispam the texts. */
function readVerdict(value: JsonObject): JsonObject {
	const suggestion = String(value.Suggestion);
	if (!SUGGESTIONS.includes(suggestion)) throw new Error(`verdict Suggestion must be one of ${SUGGESTIONS.join(', ')}`);
	const scene = String(value.Scene ?? 'porn');
	const labels = LABELS[scene];
	if (!labels) throw new Error(`verdict Scene must be one of ${Object.keys(LABELS).join(', ')}`);
	const label = String(value.Label ?? (suggestion === 'pass' ? 'normal' : labels[0]));
	if (!labels.includes(label)) throw new Error(`a ${scene} verdict Label is one of ${labels.join(', ')}`);
	return { Suggestion: suggestion, Scene: scene, Label: label };
}

export const MEDIA_CENSOR = declare.kind({
	name: 'mediaCensor',
	// Stated by the QueryMediaCensorJobList State filter (minus All); a job is queued first.
	states: { running: ['Queuing', 'Analysing'], success: 'Success', failure: 'Fail' },
	statusField: 'State',
	timing: { stepsMs: [2_000], finishMs: 30_000 },
	seed: (position) => {
		const number = String(position).padStart(5, '0');
		return {
			Input: { Type: 'OSS', Media: `oss://sandbox-bucket/input/video-${number}.mp4` },
			Title: `seed-video-${number}`,
			Output: `oss://sandbox-bucket/censor/${number}/snapshot-{Count}.jpg`,
		};
	},
	verdict: readVerdict,
});

/** The plain OSS URL of the frames (`oss://bucket/path-{Count}.jpg`), not a {Type, Media} object. */
const outputUrl: Reader<string | undefined> = (params, name) => {
	const url = optional(params, name);
	if (url !== undefined) checkOssUrl(name, url);
	return url;
};

type Result = { Scene: string; Label: string; Suggestion: string; Rate: string };

const worstOf = (suggestions: string[]): string =>
	suggestions.reduce((worst, next) => (SUGGESTIONS.indexOf(next) > SUGGESTIONS.indexOf(worst) ? next : worst), 'pass');

/** A scene's result: the verdict's where it names that scene, else normal/pass. */
function result(job: Job, scene: string, marked = true): Result {
	const verdict = job.verdict;
	if (marked && verdict?.Scene === scene)
		return { Scene: scene, Label: String(verdict.Label), Suggestion: String(verdict.Suggestion), Rate: '99.91' };
	return { Scene: scene, Label: 'normal', Suggestion: 'pass', Rate: '99.90' };
}

const wrapped = (results: Result[]) => ({ CensorResult: results });

const timestamp = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(11, 23);

/** Frames every 5 s of the (30 s) source; the verdict shows on the middle one. */
function videoTimeline(job: Job, region: string): Record<string, unknown>[] {
	const frames = SOURCE_SECONDS / FRAME_EVERY_SECONDS;
	const output = typeof job.data.Output === 'string' ? ossFile(job.data.Output, region) : undefined;
	return Array.from({ length: frames }, (_, index) => ({
		Timestamp: timestamp(index * FRAME_EVERY_SECONDS),
		Object: output && numbered(output.Object, index + 1),
		CensorResults: wrapped(VIDEO_SCENES.map((scene) => result(job, scene, index === Math.floor(frames / 2)))),
	}));
}

interface Parts {
	view: Record<string, unknown>;
	suggestions: string[];
}

/** The results of every part the job moderated, with their suggestions for the overall one. */
function moderatedParts(job: Job, ctx: OperationContext, timelinePage: { size: number; token?: string }): Parts {
	const data = job.data;
	const view: Record<string, unknown> = {};
	const suggestions: string[] = [];
	const text = (name: string, key: string): void => {
		if (data[key] === undefined) return;
		const one = result(job, 'antispam');
		view[name] = one;
		suggestions.push(one.Suggestion);
	};
	text('TitleCensorResult', 'Title');
	text('DescCensorResult', 'Description');
	text('BarrageCensorResult', 'Barrages');
	const covers = (data.CoverImages ?? []) as JsonObject[];
	if (covers.length > 0) {
		view.CoverImageCensorResults = {
			CoverImageCensorResult: covers.map((cover) => {
				const results = IMAGE_SCENES.map((scene) => result(job, scene));
				suggestions.push(...results.map((one) => one.Suggestion));
				return { Bucket: cover.Bucket, Location: cover.Location, Object: cover.Object, Results: { Result: results } };
			}),
		};
	}
	if (data.Input !== undefined) {
		const results = VIDEO_SCENES.map((scene) => result(job, scene));
		suggestions.push(...results.map((one) => one.Suggestion));
		const frames = videoTimeline(job, ctx.region);
		const from = decodeOffset('NextPageToken', timelinePage.token);
		const next = from + timelinePage.size;
		view.VensorCensorResult = {
			CensorResults: wrapped(results),
			VideoTimelines: { VideoTimeline: frames.slice(from, next) },
			NextPageToken: next < frames.length ? encodeOffset(next) : undefined,
		};
	}
	return { view, suggestions };
}

/** A detail, or a list item (its video timeline's first page). */
function censorJobView(
	job: Job,
	ctx: OperationContext,
	timelinePage: { size: number; token?: string } = { size: 30 },
): Record<string, unknown> {
	const state = ctx.jobs.state(job);
	const input = job.data.Input as JsonObject | undefined;
	const output = typeof job.data.Output === 'string' ? ossFile(job.data.Output, ctx.region) : undefined;
	const done = state.status === MEDIA_CENSOR.states.success;
	const parts = done ? moderatedParts(job, ctx, timelinePage) : undefined;
	return {
		JobId: job.jobId,
		// MPS names an OSS input by Bucket, Location and Object; a media asset input has no such fields.
		Input: input?.Type === 'OSS' ? ossFile(String(input.Media), ctx.region) : undefined,
		PipelineId: job.data.PipelineId,
		State: state.status,
		Code: state.failure?.code,
		Message: state.failure?.message,
		Suggestion: parts ? worstOf(parts.suggestions) : undefined,
		...parts?.view,
		VideoCensorConfig: input ? { VideoCensor: 'true', BizType: 'common', OutputFile: output } : undefined,
		CreationTime: isoSeconds(job.createdAt),
		FinishTime: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
		UserData: job.data.UserData,
	};
}

export const mediaCensor = declare.family({
	name: 'content moderation',
	product: 'ICE',
	kinds: [MEDIA_CENSOR],
	submit: declare.submit({
		action: 'SubmitMediaCensorJob',
		parameters: {
			Input: param.json(mediaObject()),
			// At most 5 cover images (SubmitMediaCensorJob reference); Bucket and Object name each (own choice).
			CoverImages: param.json(
				field.array(
					field.object(
						{ Bucket: field.required(field.string()), Object: field.required(field.string()) },
						{ open: true },
					),
					{ max: 5 },
				),
			),
			Title: param.text({ maxBytes: 64 }),
			Description: param.text({ maxBytes: 128 }),
			Barrages: param.text(),
			Output: outputUrl,
			NotifyUrl: param.text(),
			TemplateId: param.text(),
			ScheduleConfig: param.json(scheduleConfig('unbounded')),
			// Plain text here (pitfall censor-output-plain-url).
			UserData: param.userData({ maxBytes: 128, json: false }),
		},
		// None is required by the contract; a job with nothing to moderate is refused (own choice).
		check: (values) => {
			if (
				[values.Input, values.CoverImages, values.Title, values.Description, values.Barrages].every(
					(part) => part === undefined,
				)
			)
				throw invalidParameter(
					'Input',
					'Give Input, CoverImages, Title, Description or Barrages: nothing to moderate.',
				);
		},
		kind: MEDIA_CENSOR.name,
		create: (values) => ({
			Input: values.Input,
			CoverImages: values.CoverImages,
			Title: values.Title,
			Description: values.Description,
			Barrages: values.Barrages,
			Output: values.Output,
			TemplateId: values.TemplateId,
			PipelineId: pipelineOf(values.ScheduleConfig),
			UserData: values.UserData,
		}),
		answer: (job) => ({ JobId: job.jobId }),
		idAt: 'JobId',
		samples: [
			{
				query: {
					Input: JSON.stringify({ Type: 'OSS', Media: 'oss://bucket/in/video.mp4' }),
					CoverImages: JSON.stringify([{ Bucket: 'bucket', Location: 'oss-cn-shanghai', Object: 'in/cover.jpg' }]),
					Title: 'Hello World',
					Description: 'example description',
					Barrages: 'hello world',
					Output: 'oss://bucket/censor/snapshot-{Count}.jpg',
					ScheduleConfig: JSON.stringify({ PipelineId: 'pipe-1', Priority: 6 }),
					UserData: 'batch-7',
				},
			},
			{ query: { Input: JSON.stringify({ Type: 'Media', Media: 'media-in-1' }) } },
		],
	}),
	gets: [
		declare.get({
			action: 'QueryMediaCensorJobDetail',
			id: 'JobId',
			kinds: [MEDIA_CENSOR.name],
			notFound: NOT_FOUND,
			// They page the video timeline.
			parameters: { MaximumPageSize: param.integer(1, 300), NextPageToken: param.text() },
			at: 'MediaCensorJobDetail',
			view: (job, ctx, values) =>
				censorJobView(job, ctx, { size: values.MaximumPageSize ?? 30, token: values.NextPageToken }),
			sample: { MaximumPageSize: '4' },
		}),
	],
	list: {
		action: 'QueryMediaCensorJobList',
		kinds: [MEDIA_CENSOR.name],
		filters: {
			// At most 10 IDs (own choice: the contract states no limit).
			JobIds: declare.filter({ read: param.list(10), matches: (job, ids: string[]) => ids.includes(job.jobId) }),
			State: statusFilter(['All', 'Queuing', 'Analysing', 'Fail', 'Success'], { All: 'any' }),
			PipelineId: dataFilter('PipelineId'),
		},
		window: { start: 'StartOfJobCreatedTimeRange', end: 'EndOfJobCreatedTimeRange' },
		// No sort parameter: newest first (own choice).
		pageSize: { parameter: 'MaximumPageSize', min: 1, max: 300, default: 30 },
		token: 'NextPageToken',
		tokenAt: 'NextPageToken',
		itemsAt: 'MediaCensorJobList.MediaCensorJob',
		item: (job, ctx) => censorJobView(job, ctx),
		extras: ({ filters, ctx }) => {
			const ids = filters.JobIds as string[] | undefined;
			return ids ? { NonExistIds: { String: ids.filter((id) => !ctx.jobs.get(id, [MEDIA_CENSOR.name])) } } : {};
		},
	},
});
