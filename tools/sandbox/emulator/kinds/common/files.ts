/**
 * What the emulator says of media files it never reads: every video or audio lasts 30 s, a video is 1280×720 at
 * 25 fps and 2500 kb/s unless the job set its size or bitrate, audio is AAC stereo 44.1 kHz at 128 kb/s.
 */
export type MediaType = 'image' | 'video' | 'audio' | 'text';

export const SOURCE_SECONDS = 30;
export const DEFAULT_VIDEO = { width: 1280, height: 720, bitrateKbps: 2500, fps: 25 };
export const AUDIO_BITRATE_KBPS = 128;

/** "the media type can also be determined based on the file name extension" (image, video and audio only). */
export const EXTENSION_TYPES: Record<string, MediaType> = {
	mp4: 'video',
	mov: 'video',
	flv: 'video',
	mkv: 'video',
	ts: 'video',
	m3u8: 'video',
	avi: 'video',
	webm: 'video',
	mp3: 'audio',
	aac: 'audio',
	m4a: 'audio',
	wav: 'audio',
	flac: 'audio',
	ogg: 'audio',
	jpg: 'image',
	jpeg: 'image',
	png: 'image',
	gif: 'image',
	bmp: 'image',
	webp: 'image',
};

/** FormatName as ffprobe names the container, for the extensions the emulator recognises. */
export const FORMAT_NAMES: Record<string, string> = {
	mp4: 'mov,mp4,m4a,3gp,3g2,mj2',
	mov: 'mov,mp4,m4a,3gp,3g2,mj2',
	m4a: 'mov,mp4,m4a,3gp,3g2,mj2',
	flv: 'flv',
	mkv: 'matroska,webm',
	webm: 'matroska,webm',
	ts: 'mpegts',
	m3u8: 'hls',
	avi: 'avi',
	mp3: 'mp3',
	aac: 'aac',
	wav: 'wav',
	flac: 'flac',
	ogg: 'ogg',
	jpg: 'image2',
	jpeg: 'image2',
	png: 'png_pipe',
	gif: 'gif',
	bmp: 'bmp_pipe',
	webp: 'webp_pipe',
};

export function extensionOf(url: string): string {
	const path = url.replace(/[?#].*$/, '');
	const dot = path.lastIndexOf('.');
	return dot > path.lastIndexOf('/') ? path.slice(dot + 1).toLowerCase() : '';
}

export const fileNameOf = (url: string): string | undefined =>
	url
		.replace(/[?#].*$/, '')
		.split('/')
		.pop();

/** Bytes of a file of that many kb/s over the source duration. */
export const sizeOf = (bitrateKbps: number): number => Math.round((bitrateKbps * 1000 * SOURCE_SECONDS) / 8);
