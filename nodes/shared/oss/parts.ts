/**
 * Cuts a byte stream into parts of exactly `partSize` bytes (the last one shorter). Every part is a view of one
 * buffer that is refilled for the next part: a part is valid until the next one is asked for, so memory stays one
 * part whatever the file size.
 */
export async function* partsOf(source: AsyncIterable<Buffer>, partSize: number): AsyncGenerator<Buffer> {
	const part = Buffer.allocUnsafe(partSize);
	let filled = 0;
	for await (const chunk of source) {
		for (let offset = 0; offset < chunk.length; ) {
			const copied = chunk.copy(part, filled, offset, Math.min(chunk.length, offset + partSize - filled));
			filled += copied;
			offset += copied;
			if (filled === partSize) {
				yield part;
				filled = 0;
			}
		}
	}
	if (filled > 0) yield part.subarray(0, filled);
}
