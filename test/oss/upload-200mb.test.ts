/**
 * Large binaries (n8n's binary data in filesystem mode, read by Read/Write Files from Disk) go to the emulator's OSS
 * through Upload to OSS in a child process running n8n's engine: 96 MiB in one streamed PutObject (below the 100 MB
 * default threshold) and 200 MiB in 5 MiB parts (the default Part Size). The child's RSS growth from a settled baseline stays flat whatever
 * the file size, and OSS holds the same bytes. Same measure as `npm run benchmark:upload`.
 */
import { measureUpload } from '../../scripts/benchmarks/upload';

const MIB = 2 ** 20;
/**
 * Streaming the file: Node.js collects n8n's read chunks only once about 30 MiB of them have piled up (Read/Write
 * Files from Disk alone, without the upload, grows RSS that much). A multipart upload holds one part (5 MiB) on top.
 */
const STREAMED_MAX_GROWTH_MIB = 40;

it('uploads a 96 MiB binary in one streamed PutObject with flat memory, and OSS holds the same bytes', async () => {
	const measure = await measureUpload(96);
	expect(measure.binaryMode).toBe('filesystem');
	expect(measure.output).toMatchObject({ size: 96 * MIB, multipart: { used: false } });
	expect(measure.object).toMatchObject({ size: 96 * MIB, md5: measure.file.md5, sha256: measure.file.sha256 });
	expect(measure.rssGrowthMiB).toBeLessThanOrEqual(STREAMED_MAX_GROWTH_MIB);
}, 180_000);

it('uploads a 200 MiB binary in parts with flat memory, and OSS holds the same bytes', async () => {
	const measure = await measureUpload(200);
	expect(measure.binaryMode).toBe('filesystem');
	expect(measure.output).toMatchObject({ size: 200 * MIB, multipart: { used: true, partCount: 40 } });
	expect(measure.object).toMatchObject({ size: 200 * MIB, partCount: 40 });
	expect(measure.object?.md5).toBe(measure.file.md5);
	expect(measure.object?.sha256).toBe(measure.file.sha256);
	expect(measure.rssGrowthMiB).toBeLessThanOrEqual(STREAMED_MAX_GROWTH_MIB);
}, 180_000);
