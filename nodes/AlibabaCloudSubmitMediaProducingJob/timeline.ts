/**
 * Checks of an IMS Timeline (SubmitMediaProducingJob) that the service would otherwise refuse after the
 * request went out. Track kinds from the "Timeline configurations" reference: VideoTracks, AudioTracks,
 * ImageTracks (deprecated, merged into video tracks but still accepted), SubtitleTracks, EffectTracks.
 * Limits from the SubmitMediaProducingJob reference: at most 100 video, 100 image and 100 subtitle tracks.
 */
import type { IDataObject } from 'n8n-workflow';

import { InvalidFieldError, requiredJsonObject } from '../shared/helpers/validation';

const TRACK_KINDS = ['VideoTracks', 'AudioTracks', 'ImageTracks', 'SubtitleTracks', 'EffectTracks'] as const;
type TrackKind = (typeof TRACK_KINDS)[number];

const MAX_TRACKS_PER_KIND = 100;
const LIMITED: Partial<Record<TrackKind, string>> = {
	VideoTracks: 'video',
	ImageTracks: 'image',
	SubtitleTracks: 'subtitle',
};

function tracksOf(timeline: IDataObject, kind: TrackKind, field: string): IDataObject[] {
	const value = timeline[kind];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new InvalidFieldError(`${field} › ${kind}`, 'must be a JSON array of tracks like [{...}]');
	}
	value.forEach((track, position) => {
		if (track === null || typeof track !== 'object' || Array.isArray(track)) {
			throw new InvalidFieldError(`${field} › ${kind} › Track ${position + 1}`, 'must be a JSON object');
		}
	});
	return value as IDataObject[];
}

/** Parses and checks a Timeline (text or an object from an expression); returns it as the JSON string to send. */
export function timelineJson(value: unknown, field: string): string {
	const timeline = requiredJsonObject(value, field);
	for (const key of Object.keys(timeline)) {
		if (/tracks?$/i.test(key) && !(TRACK_KINDS as readonly string[]).includes(key)) {
			throw new InvalidFieldError(
				field,
				`has an unknown track kind "${key}" (the kinds are ${TRACK_KINDS.join(', ')})`,
			);
		}
	}
	const counts = {} as Record<TrackKind, number>;
	for (const kind of TRACK_KINDS) counts[kind] = tracksOf(timeline, kind, field).length;

	if (counts.VideoTracks + counts.AudioTracks === 0) {
		throw new InvalidFieldError(field, 'needs at least one track in VideoTracks or AudioTracks');
	}
	if (counts.ImageTracks > 0 && counts.VideoTracks === 0) {
		throw new InvalidFieldError(`${field} › ImageTracks`, 'need at least one track in VideoTracks to lie over');
	}
	for (const [kind, label] of Object.entries(LIMITED) as Array<[TrackKind, string]>) {
		if (counts[kind] > MAX_TRACKS_PER_KIND) {
			throw new InvalidFieldError(
				`${field} › ${kind}`,
				`must have at most ${MAX_TRACKS_PER_KIND} ${label} tracks (got ${counts[kind]})`,
			);
		}
	}
	return JSON.stringify(timeline);
}
