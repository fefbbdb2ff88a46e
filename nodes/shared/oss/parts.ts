/** Cuts a byte stream into parts of exactly `partSize` bytes (the last one shorter), one part in memory at a time. */
export async function* partsOf(source: AsyncIterable<Buffer>, partSize: number): AsyncGenerator<Buffer> {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	for await (const chunk of source) {
		let offset = 0;
		while (offset < chunk.length) {
			const taken = Math.min(partSize - pendingBytes, chunk.length - offset);
			pending.push(chunk.subarray(offset, offset + taken));
			pendingBytes += taken;
			offset += taken;
			if (pendingBytes === partSize) {
				yield Buffer.concat(pending, partSize);
				pending = [];
				pendingBytes = 0;
			}
		}
	}
	if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}
