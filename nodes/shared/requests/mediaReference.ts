/**
 * How ICE's job APIs name a file (`{Type, Media}` in Input, Output, InputGroup…): an OSS object as oss://bucket/path
 * or its http(s) URL, or a media asset of the IMS media library by its media ID.
 */
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { ossObjectUrl, requireOneOf, requireText } from '../helpers/validation';

export const MEDIA_TYPES = ['OSS', 'Media'] as const;

/** The Type field's choices. */
export const MEDIA_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'OSS Object', value: 'OSS', description: 'A file in an OSS bucket, as oss://bucket/path or its http(s) URL' },
	{ name: 'Media Asset', value: 'Media', description: 'A media asset of the IMS media library, by its media ID' },
];

export function mediaReference(type: unknown, media: unknown, labels: { type: string; media: string }): IDataObject {
	const Type = requireOneOf(type, labels.type, MEDIA_TYPES);
	const Media = Type === 'OSS' ? ossObjectUrl(media, labels.media) : requireText(media, labels.media);
	return { Type, Media };
}
