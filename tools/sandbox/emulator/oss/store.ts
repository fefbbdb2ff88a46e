/**
 * Buckets, objects and unfinished multipart uploads of the OSS emulator. Object and part bytes live in files of a
 * temporary directory (never in memory), with their size, MD5, SHA-256 and ETag, so tests can check what arrived.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';

export interface StoredFile {
	path: string;
	size: number;
	md5: string;
	sha256: string;
	/** As OSS sends it: quoted, upper-case hex (multipart objects: `"<hex>-<parts>"`). */
	etag: string;
}

export interface StoredObject extends StoredFile {
	bucket: string;
	key: string;
	contentType: string;
	acl?: string;
	storageClass: string;
	multipart: boolean;
	partCount?: number;
}

export interface MultipartUpload {
	uploadId: string;
	bucket: string;
	key: string;
	contentType: string;
	acl?: string;
	storageClass: string;
	initiated: string;
	parts: Map<number, StoredFile>;
}

export interface OssBucket {
	name: string;
	region: string;
}

export class OssStore {
	readonly directory = mkdtempSync(join(tmpdir(), 'oss-emulator-'));
	readonly buckets = new Map<string, OssBucket>();
	readonly objects = new Map<string, StoredObject>();
	readonly uploads = new Map<string, MultipartUpload>();
	private fileCounter = 0;

	constructor(private readonly defaultRegion: string) {}

	createBucket(name: string, region = this.defaultRegion): OssBucket {
		const bucket = { name, region };
		this.buckets.set(name, bucket);
		return bucket;
	}

	objectKey(bucket: string, key: string): string {
		return `${bucket}/${key}`;
	}

	/** Streams a request body to a new file, hashing it on the way. */
	async receive(body: Readable): Promise<StoredFile> {
		const path = join(this.directory, `f${++this.fileCounter}-${randomBytes(4).toString('hex')}`);
		const md5 = createHash('md5');
		const sha256 = createHash('sha256');
		let size = 0;
		const hasher = new Transform({
			transform(chunk: Buffer, _encoding, done) {
				md5.update(chunk);
				sha256.update(chunk);
				size += chunk.length;
				done(null, chunk);
			},
		});
		await pipeline(body, hasher, createWriteStream(path));
		const md5Hex = md5.digest('hex');
		return { path, size, md5: md5Hex, sha256: sha256.digest('hex'), etag: `"${md5Hex.toUpperCase()}"` };
	}

	/** Concatenates part files into one object file (streamed) and computes OSS's multipart ETag. */
	async concatenate(parts: StoredFile[]): Promise<StoredFile> {
		const path = join(this.directory, `f${++this.fileCounter}-${randomBytes(4).toString('hex')}`);
		const output = createWriteStream(path);
		const md5 = createHash('md5');
		const sha256 = createHash('sha256');
		let size = 0;
		for (const part of parts) {
			for await (const chunk of createReadStream(part.path)) {
				md5.update(chunk as Buffer);
				sha256.update(chunk as Buffer);
				size += (chunk as Buffer).length;
				if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', () => resolve()));
			}
		}
		await new Promise<void>((resolve, reject) =>
			output.end((error?: Error | null) => (error ? reject(error) : resolve())),
		);
		const partDigests = createHash('md5');
		for (const part of parts) partDigests.update(Buffer.from(part.md5, 'hex'));
		return {
			path,
			size,
			md5: md5.digest('hex'),
			sha256: sha256.digest('hex'),
			etag: `"${partDigests.digest('hex').toUpperCase()}-${parts.length}"`,
		};
	}

	discard(file: StoredFile | undefined): void {
		if (file) rmSync(file.path, { force: true });
	}

	readObject(bucket: string, key: string): Buffer | undefined {
		const object = this.objects.get(this.objectKey(bucket, key));
		return object ? readFileSync(object.path) : undefined;
	}

	clear(): void {
		for (const object of this.objects.values()) this.discard(object);
		for (const upload of this.uploads.values()) for (const part of upload.parts.values()) this.discard(part);
		this.objects.clear();
		this.uploads.clear();
	}

	destroy(): void {
		this.clear();
		rmSync(this.directory, { recursive: true, force: true });
	}
}
