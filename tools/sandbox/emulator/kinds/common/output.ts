/** OutputMediaConfig rules shared by SubmitMediaProducingJob and SubmitLiveEditingJob. */
import { invalidParameter, missingParameter } from '../../errors';
import type { Reader } from '../../engine/parameters';
import { intIn, jsonObject, JsonObject, nonEmptyString } from '../../params';

export type OutputTarget = 'oss-object' | 'vod-media' | 'S3';

export function validateOutputMediaConfig(config: JsonObject, target: OutputTarget): void {
	if (target === 'vod-media') {
		if (!nonEmptyString(config.StorageLocation)) throw missingParameter('OutputMediaConfig.StorageLocation');
		if (!nonEmptyString(config.FileName)) throw missingParameter('OutputMediaConfig.FileName');
		if (/[/\\]/.test(config.FileName))
			throw invalidParameter('OutputMediaConfig.FileName', 'It must be a file name without a path.');
	} else {
		if (!nonEmptyString(config.MediaURL)) throw missingParameter('OutputMediaConfig.MediaURL');
		if (target === 'oss-object' && !/^https?:\/\/[^/]+\/.+/.test(config.MediaURL)) {
			throw invalidParameter(
				'OutputMediaConfig.MediaURL',
				'It must be the HTTP(S) URL of an OSS object, e.g. https://bucket.oss-cn-shanghai.aliyuncs.com/path/video.mp4.',
			);
		}
	}
	const width = intIn('OutputMediaConfig.Width', config.Width, 128, 4096);
	const height = intIn('OutputMediaConfig.Height', config.Height, 128, 4096);
	if (width !== undefined && height !== undefined && Math.min(width, height) > 2160) {
		throw invalidParameter('OutputMediaConfig', 'The shorter side of the output cannot exceed 2160 pixels.');
	}
	intIn('OutputMediaConfig.Bitrate', config.Bitrate, 1, 5000);
}

/** Where the produced file ends up, for MediaURL in responses. */
export function outputUrl(config: JsonObject, target: OutputTarget, mediaId: string): string {
	if (target === 'vod-media') return `https://${String(config.StorageLocation)}/${mediaId}/${String(config.FileName)}`;
	return String(config.MediaURL);
}

/** OutputMediaConfig (JSON object), checked for the OutputMediaTarget read before it (default oss-object). */
export function outputMediaConfig(options: { required: boolean }): Reader<JsonObject | undefined> {
	return (params, name, earlier) => {
		const config = options.required ? jsonObject(params, name, true) : jsonObject(params, name);
		if (config) validateOutputMediaConfig(config, (earlier.OutputMediaTarget as OutputTarget) ?? 'oss-object');
		return config;
	};
}
