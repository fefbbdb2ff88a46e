/**
 * SubmitSnapshotJob's Input, Output and TemplateConfig, from fields or from JSON, checked the same way. Structures and
 * types are the SDK request models' (closed: an unknown key is refused); OverwriteParams takes integers (unlike
 * transcoding's). The value lists come from the IMS snapshot template reference (Type Normal, Sprite, WebVtt as
 * the job answers name them; FrameType intra or normal). Ranges the API does not state are only kept sane: counts,
 * intervals and sizes of at least 1, times and thresholds of at least 0.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	booleanValue,
	integerAtLeast,
	InvalidFieldError,
	jsonObject,
	knownKeysOnly,
	requireOneOf,
	requireText,
} from '../shared/helpers/validation';
import { mediaReference } from '../shared/requests/mediaReference';

export const SNAPSHOT_TYPES = ['Normal', 'Sprite', 'WebVtt'] as const;
export const FRAME_TYPES = ['intra', 'normal'] as const;
export const COUNT_PLACEHOLDER = '{Count}';

/** Checks one value and returns it as sent; `label` names it in an error. */
type Rule = (value: unknown, label: string) => unknown;

const integer =
	(min: number): Rule =>
	(value, label) =>
		integerAtLeast(value, label, min);
const oneOf =
	(allowed: readonly string[]): Rule =>
	(value, label) =>
		requireOneOf(value, label, allowed);
const textRule: Rule = (value, label) => requireText(value, label);

/** A closed object: every key known, each value checked; null values are left out. */
function object(rules: Record<string, Rule>, required: string[] = []): Rule {
	return (value, label) => {
		const given = knownKeysOnly(jsonObject(value, label), label, Object.keys(rules));
		const missing = required.find((key) => given[key] === undefined || given[key] === null);
		if (missing !== undefined) throw new InvalidFieldError(`${label} › ${missing}`, 'is required but missing');
		const checked: IDataObject = {};
		for (const [key, inner] of Object.entries(given)) {
			if (inner !== null && inner !== undefined)
				checked[key] = rules[key](inner, `${label} › ${key}`) as IDataObject[string];
		}
		return checked;
	};
}

const spriteRules = {
	CellWidth: integer(1),
	CellHeight: integer(1),
	Columns: integer(1),
	Lines: integer(1),
	Margin: integer(0),
	Padding: integer(0),
	Color: textRule,
};

const overwriteRules = {
	Type: oneOf(SNAPSHOT_TYPES),
	FrameType: oneOf(FRAME_TYPES),
	Time: integer(0),
	Count: integer(1),
	Interval: integer(1),
	Width: integer(1),
	Height: integer(1),
	BlackLevel: integer(0),
	PixelBlackThreshold: integer(0),
	IsSptFrag: (value: unknown, label: string) => booleanValue(value, label),
	SpriteSnapshotConfig: object(spriteRules),
};

const templateConfigRule = object({ TemplateId: textRule, OverwriteParams: object(overwriteRules) }, ['TemplateId']);

/** Input or Output written as JSON: exactly `{Type, Media}`. */
export function mediaReferenceJson(value: unknown, label: string): IDataObject {
	const given = knownKeysOnly(jsonObject(value, label), label, ['Type', 'Media']);
	return mediaReference(given.Type, given.Media, { type: `${label} › Type`, media: `${label} › Media` });
}

/** TemplateConfig written as JSON: `{TemplateId, OverwriteParams}` with the template settings to overwrite. */
export function templateConfigJson(value: unknown, label: string): IDataObject {
	return templateConfigRule(value, label) as IDataObject;
}

/** The Overwrite settings of Fields mode, each checked by its rule under its own label. */
export function checkedSetting(key: keyof typeof overwriteRules, value: unknown, label: string): unknown {
	return overwriteRules[key](value, label);
}

/**
 * What only the whole job can tell: several normal snapshots need `{Count}` in the output file name (each image is
 * numbered there), and the sprite layout applies to sprites only. A Type left to the template is not guessed.
 */
export function checkJob(
	output: IDataObject,
	templateConfig: IDataObject,
	labels: { outputMedia: string; count: string; sprite: string },
): void {
	const overwrite = (templateConfig.OverwriteParams ?? {}) as IDataObject;
	const count = overwrite.Count as number | undefined;
	if (
		overwrite.Type === 'Normal' &&
		count !== undefined &&
		count > 1 &&
		output.Type === 'OSS' &&
		!String(output.Media).includes(COUNT_PLACEHOLDER)
	) {
		throw new InvalidFieldError(
			labels.outputMedia,
			`must contain ${COUNT_PLACEHOLDER} where each image's number goes, e.g. oss://bucket/covers/cover-${COUNT_PLACEHOLDER}.jpg: ${labels.count} ${count} makes ${count} images (got "${String(output.Media)}")`,
		);
	}
	if (overwrite.SpriteSnapshotConfig !== undefined && overwrite.Type !== undefined && overwrite.Type !== 'Sprite') {
		throw new InvalidFieldError(
			labels.sprite,
			`applies to Sprite snapshots only (the Type is ${String(overwrite.Type)})`,
		);
	}
}
