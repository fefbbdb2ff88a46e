import { crc32, deflateSync } from 'node:zlib';

import { changedShare, decodePng, differsMaterially } from '../support/pngDifference';

/** A PNG written the way encoders do: every row filtered with `filter` (0 none … 4 Paeth), then deflated. */
function encodePng(
	width: number,
	height: number,
	pixels: number[],
	options: { colourType?: number; filter?: number; palette?: number[]; transparency?: number[] } = {},
): Buffer {
	const { colourType = 6, filter = 0 } = options;
	const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colourType]!;
	const stride = width * channels;
	const filtered: number[] = [];
	for (let row = 0; row < height; row++) {
		filtered.push(filter);
		for (let index = 0; index < stride; index++) {
			const at = row * stride + index;
			const left = index >= channels ? pixels[at - channels] : 0;
			const up = row > 0 ? pixels[at - stride] : 0;
			const upLeft = row > 0 && index >= channels ? pixels[at - stride - channels] : 0;
			const estimate = left + up - upLeft;
			const [toLeft, toUp, toUpLeft] = [left, up, upLeft].map((value) => Math.abs(estimate - value));
			const paeth = toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
			const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
			filtered.push((pixels[at] - predictor) & 0xff);
		}
	}
	const chunk = (type: string, body: Buffer) => {
		const length = Buffer.alloc(4);
		length.writeUInt32BE(body.length);
		const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(typeAndBody));
		return Buffer.concat([length, typeAndBody, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, colourType, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		...(options.palette ? [chunk('PLTE', Buffer.from(options.palette))] : []),
		...(options.transparency ? [chunk('tRNS', Buffer.from(options.transparency))] : []),
		chunk('IDAT', deflateSync(Buffer.from(filtered))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A 10 × 10 RGBA picture: a gradient, so that every row filter predicts something different. */
const SIZE = 10;
const gradient = (): number[] =>
	Array.from({ length: SIZE * SIZE }, (_, pixel) => {
		const [column, row] = [pixel % SIZE, Math.floor(pixel / SIZE)];
		return [column * 25, row * 25, (column * row * 7) % 256, 255];
	}).flat();

/** The gradient with `count` pixels (from the first) repainted `by` brighter in red. */
function repainted(count: number, by = 200): number[] {
	const pixels = gradient();
	for (let pixel = 0; pixel < count; pixel++) pixels[pixel * 4] = (pixels[pixel * 4] + by) % 256;
	return pixels;
}

describe('pngDifference: whether a regenerated picture differs materially from the committed one', () => {
	it.each([0, 1, 2, 3, 4])('decodes rows written with filter %i to the pixels encoded', (filter) => {
		const decoded = decodePng(encodePng(SIZE, SIZE, gradient(), { filter }));
		expect({ width: decoded.width, height: decoded.height }).toEqual({ width: SIZE, height: SIZE });
		expect([...decoded.rgba]).toEqual(gradient());
	});

	it('decodes grey, RGB and palette pictures to RGBA', () => {
		expect([...decodePng(encodePng(2, 1, [0, 200], { colourType: 0, filter: 1 })).rgba]).toEqual([
			0, 0, 0, 255, 200, 200, 200, 255,
		]);
		expect([...decodePng(encodePng(1, 2, [1, 2, 3, 4, 5, 6], { colourType: 2, filter: 2 })).rgba]).toEqual([
			1, 2, 3, 255, 4, 5, 6, 255,
		]);
		const palette = encodePng(2, 1, [1, 0], { colourType: 3, palette: [9, 8, 7, 6, 5, 4], transparency: [128] });
		expect([...decodePng(palette).rgba]).toEqual([6, 5, 4, 255, 9, 8, 7, 128]);
	});

	it('counts the share of changed pixels, and a different size as all of them', () => {
		const before = decodePng(encodePng(SIZE, SIZE, gradient()));
		expect(changedShare(before, decodePng(encodePng(SIZE, SIZE, gradient(), { filter: 4 })))).toBe(0);
		expect(changedShare(before, decodePng(encodePng(SIZE, SIZE, repainted(7))))).toBeCloseTo(0.07);
		expect(changedShare(before, decodePng(encodePng(SIZE, SIZE - 1, gradient().slice(0, -SIZE * 4))))).toBe(1);
	});

	it('keeps the committed picture when nothing or little changed (anti-aliasing, a few pixels)', () => {
		const committed = encodePng(SIZE, SIZE, gradient());
		expect(differsMaterially(committed, encodePng(SIZE, SIZE, gradient(), { filter: 3 }))).toBe(false);
		expect(differsMaterially(committed, encodePng(SIZE, SIZE, repainted(SIZE * SIZE, 10)))).toBe(false);
		expect(differsMaterially(committed, encodePng(SIZE, SIZE, repainted(2)))).toBe(false);
	});

	it('replaces it when more than a few percent of the pixels changed, the size changed, or it is unreadable', () => {
		const committed = encodePng(SIZE, SIZE, gradient());
		expect(differsMaterially(committed, encodePng(SIZE, SIZE, repainted(3)))).toBe(true);
		expect(differsMaterially(committed, encodePng(SIZE, SIZE, repainted(2)), { maxChangedShare: 0.01 })).toBe(true);
		expect(differsMaterially(committed, encodePng(SIZE + 1, SIZE, [...gradient(), ...gradient().slice(0, 40)]))).toBe(
			true,
		);
		expect(differsMaterially(Buffer.from('not a picture'), committed)).toBe(true);
		expect(() => differsMaterially(committed, Buffer.from('not a picture'))).toThrow(/not a PNG/);
	});
});
