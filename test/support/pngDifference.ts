/**
 * Whether two PNG pictures differ materially: a different size, or more than a share of their pixels changed.
 * Decodes what browsers and image tools write (8 bits per channel, not interlaced: grey, RGB, palette, with or
 * without alpha) with node:zlib alone, so that regenerated pictures are only rewritten when they really changed.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Channels per pixel by PNG colour type: grey, RGB, palette index, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export interface DecodedPng {
	width: number;
	height: number;
	/** RGBA, 4 bytes a pixel, row after row. */
	rgba: Buffer;
}

export interface DifferenceOptions {
	/** A pixel differs when one of its channels differs by more than this (0–255): anti-aliasing is not a change. */
	channelTolerance?: number;
	/** The pictures differ materially when more than this share of pixels differ (0–1). */
	maxChangedShare?: number;
}

export const DEFAULT_DIFFERENCE: Required<DifferenceOptions> = { channelTolerance: 24, maxChangedShare: 0.02 };

export function decodePng(png: Buffer): DecodedPng {
	if (png.length < SIGNATURE.length || !png.subarray(0, SIGNATURE.length).equals(SIGNATURE))
		throw new Error('not a PNG (no PNG signature)');
	let header: { width: number; height: number; bitDepth: number; colourType: number; interlace: number } | undefined;
	let palette: Buffer | undefined;
	let transparency: Buffer | undefined;
	const data: Buffer[] = [];
	for (let offset = SIGNATURE.length; offset + 8 <= png.length; ) {
		const length = png.readUInt32BE(offset);
		const type = png.toString('latin1', offset + 4, offset + 8);
		const body = png.subarray(offset + 8, offset + 8 + length);
		if (type === 'IHDR')
			header = {
				width: body.readUInt32BE(0),
				height: body.readUInt32BE(4),
				bitDepth: body[8],
				colourType: body[9],
				interlace: body[12],
			};
		else if (type === 'PLTE') palette = body;
		else if (type === 'tRNS') transparency = body;
		else if (type === 'IDAT') data.push(body);
		else if (type === 'IEND') break;
		offset += 12 + length; // length, type, body, CRC
	}
	if (!header) throw new Error('not a PNG (no IHDR chunk)');
	const channels = CHANNELS[header.colourType];
	if (header.bitDepth !== 8 || channels === undefined || header.interlace !== 0)
		throw new Error(
			`unsupported PNG: bit depth ${header.bitDepth}, colour type ${header.colourType}, interlace ${header.interlace}`,
		);
	if (header.colourType === 3 && !palette) throw new Error('palette PNG without a PLTE chunk');
	const raw = unfilter(inflateSync(Buffer.concat(data)), header.width, header.height, channels);
	return { width: header.width, height: header.height, rgba: toRgba(raw, header.colourType, palette, transparency) };
}

/** Undoes the per-row filters (none, sub, up, average, Paeth); returns the rows without their filter bytes. */
function unfilter(filtered: Buffer, width: number, height: number, channels: number): Buffer {
	const stride = width * channels;
	if (filtered.length < height * (stride + 1)) throw new Error('PNG image data is shorter than its size says');
	const rows = Buffer.alloc(height * stride);
	for (let row = 0; row < height; row++) {
		const filter = filtered[row * (stride + 1)];
		const source = row * (stride + 1) + 1;
		const target = row * stride;
		for (let index = 0; index < stride; index++) {
			const left = index >= channels ? rows[target + index - channels] : 0;
			const up = row > 0 ? rows[target - stride + index] : 0;
			const upLeft = row > 0 && index >= channels ? rows[target - stride + index - channels] : 0;
			let predictor: number;
			if (filter === 0) predictor = 0;
			else if (filter === 1) predictor = left;
			else if (filter === 2) predictor = up;
			else if (filter === 3) predictor = (left + up) >> 1;
			else if (filter === 4) predictor = paeth(left, up, upLeft);
			else throw new Error(`unknown PNG row filter ${filter} in row ${row}`);
			rows[target + index] = (filtered[source + index] + predictor) & 0xff;
		}
	}
	return rows;
}

function paeth(left: number, up: number, upLeft: number): number {
	const estimate = left + up - upLeft;
	const toLeft = Math.abs(estimate - left);
	const toUp = Math.abs(estimate - up);
	const toUpLeft = Math.abs(estimate - upLeft);
	if (toLeft <= toUp && toLeft <= toUpLeft) return left;
	return toUp <= toUpLeft ? up : upLeft;
}

function toRgba(raw: Buffer, colourType: number, palette?: Buffer, transparency?: Buffer): Buffer {
	const channels = CHANNELS[colourType];
	const pixels = raw.length / channels;
	const rgba = Buffer.alloc(pixels * 4);
	for (let pixel = 0; pixel < pixels; pixel++) {
		const at = pixel * channels;
		let rgb: [number, number, number];
		let alpha = 255;
		if (colourType === 0 || colourType === 4) {
			rgb = [raw[at], raw[at], raw[at]];
			if (colourType === 4) alpha = raw[at + 1];
		} else if (colourType === 3) {
			const entry = raw[at];
			rgb = [palette![entry * 3], palette![entry * 3 + 1], palette![entry * 3 + 2]];
			if (transparency && entry < transparency.length) alpha = transparency[entry];
		} else {
			rgb = [raw[at], raw[at + 1], raw[at + 2]];
			if (colourType === 6) alpha = raw[at + 3];
		}
		rgba.set([...rgb, alpha], pixel * 4);
	}
	return rgba;
}

/** The share of pixels (0–1) that differ by more than the tolerance; 1 when the sizes differ. */
export function changedShare(
	before: DecodedPng,
	after: DecodedPng,
	channelTolerance = DEFAULT_DIFFERENCE.channelTolerance,
): number {
	if (before.width !== after.width || before.height !== after.height) return 1;
	const pixels = before.width * before.height;
	if (pixels === 0) return 0;
	let changed = 0;
	for (let at = 0; at < before.rgba.length; at += 4) {
		for (let channel = 0; channel < 4; channel++) {
			if (Math.abs(before.rgba[at + channel] - after.rgba[at + channel]) > channelTolerance) {
				changed += 1;
				break;
			}
		}
	}
	return changed / pixels;
}

/** True when `after` should replace `before`: another size, more than maxChangedShare of pixels changed, or `before` unreadable. */
export function differsMaterially(before: Buffer, after: Buffer, options: DifferenceOptions = {}): boolean {
	const { channelTolerance, maxChangedShare } = { ...DEFAULT_DIFFERENCE, ...options };
	let old: DecodedPng;
	try {
		old = decodePng(before);
	} catch {
		return true;
	}
	return changedShare(old, decodePng(after), channelTolerance) > maxChangedShare;
}
