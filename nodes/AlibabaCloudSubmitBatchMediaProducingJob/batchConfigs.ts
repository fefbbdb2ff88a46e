/**
 * The request of Submit Batch Media Producing Job: its three configurations (InputConfig, EditingConfig, OutputConfig)
 * from the Fields mode, or as the user gives them in the JSON mode, checked before anything is sent.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ReadParameter } from '../shared/execution/executeOperation';
import {
	boundsOf,
	httpUrl,
	InvalidFieldError,
	isBlank,
	jsonArray,
	jsonObject,
	nonEmptyList,
	numberInRange,
	optionalIntegerInRange,
	optionalJsonObject,
	requiredJsonObject,
} from '../shared/helpers/validation';

/** Display options of the two modes' fields; inside the Options collection a path from the node's top. */
export const FIELDS_MODE = { show: { mode: ['fields'] } };
export const JSON_MODE = { show: { mode: ['json'] } };
export const FIELDS_MODE_OPTION = { show: { '/mode': ['fields'] } };
/** A sound's volume as a ratio of its own (0 mutes it, 1 keeps it; the API's example gives 0 and 1). */
export const MAX_VOLUME = 10;

export const countField: INodeProperties = {
	displayName: 'Number of Videos',
	name: 'count',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: 3,
	displayOptions: FIELDS_MODE,
	description: 'How many different videos to make from the media, texts and titles',
};
const COUNT = boundsOf(countField);

/** Values typed one per line or separated by commas, e.g. media IDs. */
function listed(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry).trim()).filter(Boolean);
	return isBlank(value)
		? []
		: String(value)
				.split(/[\n,]/)
				.map((entry) => entry.trim())
				.filter(Boolean);
}

function texts(parameter: ReadParameter, name: string): string[] {
	return ((parameter(`${name}.entry`, []) as IDataObject[]) ?? [])
		.map((entry) => String(entry.text ?? '').trim())
		.filter(Boolean);
}

/** The InputConfig, EditingConfig and OutputConfig of the Fields mode. */
export function configsFromFields(parameter: ReadParameter): IDataObject {
	const groups = nonEmptyList(parameter('mediaGroups.group', []) as IDataObject[], 'Media Groups', 'group').map(
		(group, position) => ({
			MediaArray: nonEmptyList(listed(group.media), `Media Groups › Group ${position + 1} › Media`, 'media ID or URL'),
		}),
	);
	const speech = texts(parameter, 'speechTexts');
	const titles = texts(parameter, 'titles');
	const count = optionalIntegerInRange(parameter('count', COUNT.default), 'Number of Videos', COUNT.min, COUNT.max);
	const outputUrl = httpUrl(parameter('outputMediaUrl', ''), 'Output Video URL');
	if ((count ?? 1) > 1 && !outputUrl.includes('{index}'))
		throw new InvalidFieldError('Output Video URL', 'must contain {index} when more than one video is made');
	const options = parameter('options', {}) as IDataObject;
	const volume = (name: string, field: string) =>
		isBlank(options[name]) ? undefined : { Volume: numberInRange(options[name], field, 0, MAX_VOLUME) };
	const editing = {
		MediaConfig: volume('mediaVolume', 'Media Volume'),
		SpeechConfig: volume('speechVolume', 'Speech Volume'),
		BackgroundMusicConfig: volume('musicVolume', 'Background Music Volume'),
	};
	return {
		InputConfig: {
			MediaGroupArray: groups,
			SpeechTextArray: speech.length ? speech : undefined,
			TitleArray: titles.length ? titles : undefined,
		},
		EditingConfig: Object.values(editing).some(Boolean) ? editing : undefined,
		OutputConfig: {
			MediaURL: outputUrl,
			Count: count,
			MaxDuration: optionalIntegerInRange(options.maxDurationSeconds, 'Max Duration (Seconds)', 1, 3600),
			Width: optionalIntegerInRange(options.width, 'Width', 128, 4096),
			Height: optionalIntegerInRange(options.height, 'Height', 128, 4096),
		},
	};
}

/** The JSON mode: the configurations as the API takes them, with what the service needs checked before sending. */
export function configsFromJson(parameter: ReadParameter): IDataObject {
	const input = requiredJsonObject(parameter('inputConfig', ''), 'Input Config');
	const groups = nonEmptyList(
		Array.isArray(input.MediaGroupArray) ? (input.MediaGroupArray as IDataObject[]) : undefined,
		'Input Config › MediaGroupArray',
		'media group',
	);
	groups.forEach((group, position) =>
		nonEmptyList(
			listed(jsonObject(group, `Input Config › MediaGroupArray ${position + 1}`).MediaArray),
			`Input Config › MediaGroupArray ${position + 1} › MediaArray`,
			'media ID or URL',
		),
	);
	const output = requiredJsonObject(parameter('outputConfig', ''), 'Output Config');
	httpUrl(output.MediaURL, 'Output Config › MediaURL');
	optionalIntegerInRange(output.Count, 'Output Config › Count', COUNT.min, COUNT.max);
	const template = parameter('templateConfig', '');
	return {
		InputConfig: input,
		EditingConfig: optionalJsonObject(parameter('editingConfig', ''), 'Editing Config'),
		OutputConfig: output,
		TemplateConfig: isBlank(template) ? undefined : jsonArray(template, 'Template Config'),
	};
}
