/**
 * Puts one binary into OSS: a single PutObject up to the multipart threshold (the binary streamed as the body),
 * else a multipart upload (InitiateMultipartUpload, UploadPart one part at a time, CompleteMultipartUpload). Any
 * failure after the upload was initiated aborts it (AbortMultipartUpload), so no parts are left behind to be billed.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { answerHeader, callOss, OssCallError, type OssCall } from '../transport/oss';
import { partsOf } from './parts';
import type { OssTarget } from './target';
import { xmlText } from './xml';

export const MAX_PARTS = 10_000;
const MIB = 1024 * 1024;

export interface UploadSource {
	size: number;
	/** A fresh reading of the bytes from the start. */
	open(): Promise<AsyncIterable<Buffer> | Buffer>;
}

export interface UploadSettings {
	target: OssTarget;
	contentType: string;
	acl?: string;
	storageClass?: string;
	thresholdBytes: number;
	partSizeBytes: number;
	timeoutMs: number;
}

export interface UploadResult {
	etag: string;
	multipart: { used: false } | { used: true; partCount: number; partSize: number; uploadId: string };
}

/** Thrown when a multipart upload failed; says whether the abort cleaned up. */
export class MultipartUploadError extends Error {
	constructor(
		readonly cause: unknown,
		readonly uploadId: string,
		readonly aborted: boolean,
		readonly abortFailure?: OssCallError,
	) {
		super(cause instanceof Error ? cause.message : String(cause));
	}
}

function objectHeaders(settings: UploadSettings): Record<string, string> {
	return {
		'content-type': settings.contentType,
		...(settings.acl ? { 'x-oss-object-acl': settings.acl } : {}),
		...(settings.storageClass ? { 'x-oss-storage-class': settings.storageClass } : {}),
	};
}

function unquote(etag: string | undefined): string {
	return (etag ?? '').replace(/^"|"$/g, '');
}

/** The part size actually used: the chosen one, raised (to whole MiB) when the file would need more than 10,000 parts. */
export function effectivePartSize(size: number, chosen: number): number {
	if (Math.ceil(size / chosen) <= MAX_PARTS) return chosen;
	return Math.ceil(size / MAX_PARTS / MIB) * MIB;
}

async function* asChunks(body: AsyncIterable<Buffer> | Buffer): AsyncGenerator<Buffer> {
	if (Buffer.isBuffer(body)) yield body;
	else for await (const chunk of body) yield chunk;
}

export async function uploadObject(
	context: IExecuteFunctions,
	source: UploadSource,
	settings: UploadSettings,
): Promise<UploadResult> {
	const call = (fields: Omit<OssCall, 'target' | 'timeoutMs'>): Promise<Awaited<ReturnType<typeof callOss>>> =>
		callOss(context, { target: settings.target, timeoutMs: settings.timeoutMs, ...fields });

	if (source.size <= settings.thresholdBytes) {
		const answer = await call({
			action: 'PutObject',
			method: 'PUT',
			headers: objectHeaders(settings),
			body: () => source.open(),
			contentLength: source.size,
			retry: 'transient',
		});
		return { etag: unquote(answerHeader(answer, 'etag')), multipart: { used: false } };
	}

	const partSize = effectivePartSize(source.size, settings.partSizeBytes);
	const initiated = await call({
		action: 'InitiateMultipartUpload',
		method: 'POST',
		query: { uploads: '' },
		headers: objectHeaders(settings),
		retry: 'rejected',
	});
	const uploadId = xmlText(initiated.body, 'UploadId');
	if (!uploadId) throw new Error('OSS answered InitiateMultipartUpload without an UploadId');

	let failure: unknown;
	try {
		const etags: string[] = [];
		let sent = 0;
		for await (const part of partsOf(asChunks(await source.open()), partSize)) {
			const partNumber = etags.length + 1;
			if (partNumber > MAX_PARTS) throw new Error(`the binary is longer than its declared ${source.size} bytes`);
			// The part stays in memory until OSS has it (its buffer is refilled only when the loop asks for the next
			// part), so a retried UploadPart sends exactly the same bytes.
			const answer = await call({
				action: 'UploadPart',
				method: 'PUT',
				query: { partNumber: String(partNumber), uploadId },
				body: () => part,
				contentLength: part.length,
				retry: 'transient',
			});
			etags.push(answerHeader(answer, 'etag') ?? '');
			sent += part.length;
		}
		if (sent !== source.size) throw new Error(`read ${sent} bytes of the binary, but its size is ${source.size} bytes`);
		const completion = `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n${etags
			.map((etag, index) => `  <Part><PartNumber>${index + 1}</PartNumber><ETag>${etag}</ETag></Part>`)
			.join('\n')}\n</CompleteMultipartUpload>\n`;
		const completed = await call({
			action: 'CompleteMultipartUpload',
			method: 'POST',
			query: { uploadId },
			headers: { 'content-type': 'application/xml' },
			body: () => completion,
			retry: 'transient',
		}).catch(async (error: unknown) => {
			// A retried Complete whose first answer was lost finds the upload already completed: the object says so.
			if (!(error instanceof OssCallError) || error.failure.code !== 'NoSuchUpload') throw error;
			const head = await call({ action: 'HeadObject', method: 'HEAD', retry: 'transient' }).catch(() => undefined);
			if (!head || !unquote(answerHeader(head, 'etag')).endsWith(`-${etags.length}`)) throw error;
			return head;
		});
		const etag = unquote(xmlText(completed.body, 'ETag') ?? answerHeader(completed, 'etag'));
		return { etag, multipart: { used: true, partCount: etags.length, partSize, uploadId } };
	} catch (error) {
		failure = error;
	}
	const abortFailure = await call({
		action: 'AbortMultipartUpload',
		method: 'DELETE',
		query: { uploadId },
		retry: 'transient',
	})
		.then(() => undefined)
		.catch((abortError: unknown) =>
			abortError instanceof OssCallError
				? abortError
				: new OssCallError(
						{ code: 'AbortFailed', message: String(abortError), transient: false, outcomeUnknown: false },
						'AbortMultipartUpload',
					),
		);
	throw new MultipartUploadError(failure, uploadId, abortFailure === undefined, abortFailure);
}
