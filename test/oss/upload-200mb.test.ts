/**
 * A 200 MiB binary (n8n's binary data in filesystem mode, read by Read/Write Files from Disk) goes to the emulator's
 * OSS through Upload to OSS in a child process running n8n's engine; the child's RSS must stay far below the file
 * size, and OSS must hold the same bytes. Same measure as `tsx scripts/benchmarks/upload.ts`.
 */
import { measureUpload } from '../../scripts/benchmarks/upload';

const FILE_MIB = 200;

it(`uploads a ${FILE_MIB} MiB binary in parts with flat memory, and OSS holds the same bytes`, async () => {
	const measure = await measureUpload(FILE_MIB);
	expect(measure.object).toMatchObject({ size: FILE_MIB * 2 ** 20, partCount: 25 });
	expect(measure.object?.md5).toBe(measure.file.md5);
	expect(measure.object?.sha256).toBe(measure.file.sha256);
	expect(measure.output).toMatchObject({ size: FILE_MIB * 2 ** 20, multipart: { used: true, partCount: 25 } });
	// One 8 MiB part in memory at a time (plus the stream's buffers): far below the file's 200 MiB.
	expect(measure.rssGrowthMiB).toBeLessThan(FILE_MIB / 3);
}, 180_000);
