/**
 * How Upload to OSS cuts a binary into parts (nodes/shared/oss/parts.ts), from source: chunks of any size give parts
 * of exactly the part size but the last, the bytes in order, and every part is the same buffer refilled (memory
 * stays one part).
 */
import { randomBytes } from 'node:crypto';

import { partsOf } from '../../nodes/shared/oss/parts';

const PART_SIZE = 256;

/** The bytes as a stream of chunks whose sizes cycle through `sizes`. */
async function* chunksOf(bytes: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
	let offset = 0;
	for (let index = 0; offset < bytes.length; index++) {
		const size = sizes[index % sizes.length];
		yield bytes.subarray(offset, offset + size);
		offset += size;
	}
}

it.each([
	['chunks smaller than a part, straddling part boundaries', 2345, [3, 70, 129, 1]],
	['chunks larger than a part', 2345, [333, 1000]],
	['one chunk holding the whole binary', 2345, [10_000]],
	['a whole number of parts', 4 * PART_SIZE, [100]],
])('%s', async (_name, length, sizes) => {
	const bytes = randomBytes(length);
	const memory = new Set<string>();
	const buffers = new Set<ArrayBufferLike>();
	const copies: Buffer[] = [];
	for await (const part of partsOf(chunksOf(bytes, sizes), PART_SIZE)) {
		buffers.add(part.buffer);
		memory.add(`${part.byteOffset}`);
		copies.push(Buffer.from(part));
	}
	expect(copies.map((part) => part.length)).toEqual(
		Array.from({ length: Math.ceil(length / PART_SIZE) }, (_, index) =>
			Math.min(PART_SIZE, length - index * PART_SIZE),
		),
	);
	expect(Buffer.concat(copies).equals(bytes)).toBe(true);
	expect([buffers.size, memory.size]).toEqual([1, 1]);
});
