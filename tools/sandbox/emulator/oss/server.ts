/**
 * The OSS calls an upload needs, path-style (`http://127.0.0.1:PORT/<bucket>/<key>`): PutObject, HeadObject,
 * InitiateMultipartUpload, UploadPart, CompleteMultipartUpload, AbortMultipartUpload. Every call is V4-verified;
 * answers and errors are OSS's XML. Bodies of PutObject and UploadPart stream to files, never to memory.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { isActionAllowed } from '../accounts';
import { isoSeconds } from '../clock';
import { errorFaultDetails, htmlErrorPage } from '../faults';
import { LoggedRequest, redactHeaders } from '../requestLog';
import type { EmulatorState } from '../state';
import { queryPairsOf, verifyOssSignature } from './auth';
import type { StoredFile } from './store';
import { errorXml, newOssRequestId, OssError, parseCompleteParts, xmlDocument } from './xml';

const OBJECT_ACLS = ['default', 'private', 'public-read', 'public-read-write'];
const STORAGE_CLASSES = ['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive'];
const MAX_PART_NUMBER = 10_000;
const MIN_PART_BYTES = 100 * 1024;
const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
const MAX_SMALL_BODY = 1024 * 1024;

type OssAction =
	| 'PutObject'
	| 'HeadObject'
	| 'InitiateMultipartUpload'
	| 'UploadPart'
	| 'CompleteMultipartUpload'
	| 'AbortMultipartUpload';

const RAM_ACTIONS: Record<OssAction, string> = {
	PutObject: 'oss:PutObject',
	HeadObject: 'oss:GetObject',
	InitiateMultipartUpload: 'oss:PutObject',
	UploadPart: 'oss:PutObject',
	CompleteMultipartUpload: 'oss:PutObject',
	AbortMultipartUpload: 'oss:AbortMultipartUpload',
};

/** OSS requests are the ones that are not RPC calls: no `x-acs-action`, and a path naming a bucket. */
export function isOssWireRequest(req: IncomingMessage, path: string): boolean {
	return req.headers['x-acs-action'] === undefined && /^\/[^/]+/.test(path);
}

function actionOf(method: string, query: Map<string, string>): OssAction | undefined {
	if (method === 'PUT') return query.has('uploadId') || query.has('partNumber') ? 'UploadPart' : 'PutObject';
	if (method === 'POST' && query.has('uploads')) return 'InitiateMultipartUpload';
	if (method === 'POST' && query.has('uploadId')) return 'CompleteMultipartUpload';
	if (method === 'DELETE' && query.has('uploadId')) return 'AbortMultipartUpload';
	if (method === 'HEAD' && !query.has('uploadId')) return 'HeadObject';
	return undefined;
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(req.headers)) out[key] = Array.isArray(value) ? value.join(',') : value;
	return out;
}

async function drain(req: IncomingMessage): Promise<void> {
	if (req.readableEnded) return;
	await new Promise<void>((resolve) => {
		req.on('end', resolve);
		req.on('error', () => resolve());
		req.on('close', resolve);
		req.resume();
	});
}

async function readSmallBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > MAX_SMALL_BODY) throw new OssError(400, 'InvalidArgument', 'The request body is too large.');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function checkObjectOptions(headers: Record<string, string | undefined>): { acl?: string; storageClass: string } {
	const acl = headers['x-oss-object-acl'];
	if (acl !== undefined && !OBJECT_ACLS.includes(acl)) {
		throw new OssError(400, 'InvalidArgument', `no such object access control exists: ${acl}`, {
			ArgumentName: 'x-oss-object-acl',
			ArgumentValue: acl,
		});
	}
	const storageClass = headers['x-oss-storage-class'] ?? 'Standard';
	if (!STORAGE_CLASSES.includes(storageClass)) {
		throw new OssError(400, 'InvalidArgument', `Invalid storage class: ${storageClass}`, {
			ArgumentName: 'x-oss-storage-class',
			ArgumentValue: storageClass,
		});
	}
	return { acl, storageClass };
}

function checkKey(key: string): void {
	const bytes = Buffer.byteLength(key, 'utf8');
	if (bytes < 1 || bytes > 1023 || key.startsWith('/') || key.startsWith('\\')) {
		throw new OssError(400, 'InvalidObjectName', 'The specified object is not valid.');
	}
}

function checkDigests(file: StoredFile, headers: Record<string, string | undefined>): void {
	const contentMd5 = headers['content-md5'];
	if (contentMd5 !== undefined && Buffer.from(file.md5, 'hex').toString('base64') !== contentMd5) {
		throw new OssError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');
	}
	const declared = headers['x-oss-content-sha256'];
	if (declared && declared !== 'UNSIGNED-PAYLOAD' && declared.toLowerCase() !== file.sha256) {
		throw new OssError(
			400,
			'InvalidArgument',
			'The x-oss-content-sha256 header does not match the SHA-256 of the body.',
		);
	}
	const length = headers['content-length'];
	if (length !== undefined && Number(length) !== file.size) {
		throw new OssError(
			400,
			'IncompleteBody',
			'You did not provide the number of bytes specified by the Content-Length HTTP header.',
		);
	}
}

interface Answer {
	status: number;
	headers?: Record<string, string>;
	xml?: string;
}

export async function handleOssRequest(
	state: EmulatorState,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	rawQuery: string,
): Promise<void> {
	const method = (req.method ?? 'GET').toUpperCase();
	const headers = headerMap(req);
	const query = new Map(queryPairsOf(rawQuery));
	const [, bucketName = '', ...keyParts] = path.split('/');
	const bucket = decodeURIComponent(bucketName);
	const key = decodeURIComponent(keyParts.join('/'));
	const action = actionOf(method, query);
	const requestId = newOssRequestId();
	const hostId = `${bucket}.oss-${state.oss.buckets.get(bucket)?.region ?? state.region}.aliyuncs.com`;
	const entry: LoggedRequest = {
		time: new Date(state.wallClock()).toISOString(),
		virtualTime: isoSeconds(state.clock.now()),
		method,
		path,
		action,
		product: 'OSS',
		query: Object.fromEntries(query),
		form: {},
		rawBody: '',
		headers: redactHeaders(headers),
		requestId,
		outcome: 'response',
	};
	state.requests.push(entry);

	const send = (answer: Answer): void => {
		entry.status = answer.status;
		const body = method === 'HEAD' ? '' : (answer.xml ?? '');
		res.writeHead(answer.status, {
			'x-oss-request-id': requestId,
			server: 'AliyunOSS',
			...(answer.xml ? { 'content-type': 'application/xml' } : {}),
			...answer.headers,
		});
		res.end(body);
	};
	const sendError = (error: OssError): void => {
		entry.errorCode = error.code;
		send({
			status: error.status,
			xml: errorXml(error, requestId, hostId),
			headers: method === 'HEAD' ? { 'x-oss-err': error.code } : {},
		});
	};

	const { delayMs, outcome } = state.faults.take(action ?? '');
	if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
	const applyFault = async (): Promise<boolean> => {
		if (!outcome) return false;
		await drain(req);
		if (outcome.type === 'reset') {
			entry.outcome = 'reset';
			req.socket.destroy();
		} else if (outcome.type === 'html') {
			entry.status = outcome.status ?? 502;
			res.writeHead(entry.status, { 'content-type': 'text/html', server: 'nginx' });
			res.end(htmlErrorPage(entry.status));
		} else {
			const details = errorFaultDetails(outcome);
			sendError(new OssError(details.status, details.code, details.message));
		}
		return true;
	};
	if (outcome && !outcome.afterEffect && (await applyFault())) return;

	let answer: Answer;
	try {
		if (!action)
			throw new OssError(
				501,
				'NotImplemented',
				`The emulator does not implement ${method} ${path}${rawQuery ? `?${rawQuery}` : ''}.`,
			);
		const stored = state.oss.buckets.get(bucket);
		if (!stored)
			throw new OssError(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: bucket });
		const account = verifyOssSignature(
			{ method, bucket, key, rawQuery, headers },
			stored.region,
			(id) => state.accounts.get(id),
			state.wallClock(),
		);
		entry.accessKeyId = account.accessKeyId;
		if (!isActionAllowed(account, RAM_ACTIONS[action])) {
			throw new OssError(
				403,
				'AccessDenied',
				`You have no right to access this object because of the RAM policy: ${RAM_ACTIONS[action]} is not allowed.`,
			);
		}
		checkKey(key);
		answer = await perform(state, action, { bucket, key, query, headers, req });
	} catch (error) {
		if (!(error instanceof OssError)) throw error;
		await drain(req);
		sendError(error);
		return;
	}
	if (outcome && (await applyFault())) return;
	send(answer);
}

interface Call {
	bucket: string;
	key: string;
	query: Map<string, string>;
	headers: Record<string, string | undefined>;
	req: IncomingMessage;
}

async function receiveChecked(state: EmulatorState, call: Call): Promise<StoredFile> {
	const file = await state.oss.receive(call.req);
	try {
		checkDigests(file, call.headers);
		if (file.size > MAX_OBJECT_BYTES)
			throw new OssError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');
	} catch (error) {
		state.oss.discard(file);
		throw error;
	}
	return file;
}

function uploadOf(state: EmulatorState, call: Call) {
	const upload = state.oss.uploads.get(call.query.get('uploadId') ?? '');
	if (!upload || upload.bucket !== call.bucket || upload.key !== call.key) {
		throw new OssError(
			404,
			'NoSuchUpload',
			'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
			{
				UploadId: call.query.get('uploadId') ?? '',
			},
		);
	}
	return upload;
}

async function perform(state: EmulatorState, action: OssAction, call: Call): Promise<Answer> {
	const { oss } = state;
	const objectId = oss.objectKey(call.bucket, call.key);
	switch (action) {
		case 'PutObject': {
			const options = checkObjectOptions(call.headers);
			const file = await receiveChecked(state, call);
			oss.discard(oss.objects.get(objectId));
			oss.objects.set(objectId, {
				...file,
				bucket: call.bucket,
				key: call.key,
				contentType: call.headers['content-type'] ?? 'application/octet-stream',
				...options,
				multipart: false,
			});
			return {
				status: 200,
				headers: { etag: file.etag, 'content-md5': Buffer.from(file.md5, 'hex').toString('base64') },
			};
		}
		case 'HeadObject': {
			const object = oss.objects.get(objectId);
			if (!object) throw new OssError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: call.key });
			return {
				status: 200,
				headers: {
					etag: object.etag,
					'content-length': String(object.size),
					'content-type': object.contentType,
					'x-oss-storage-class': object.storageClass,
					'x-oss-object-type': object.multipart ? 'Multipart' : 'Normal',
				},
			};
		}
		case 'InitiateMultipartUpload': {
			const options = checkObjectOptions(call.headers);
			await readSmallBody(call.req);
			const uploadId = randomBytes(16).toString('hex').toUpperCase();
			oss.uploads.set(uploadId, {
				uploadId,
				bucket: call.bucket,
				key: call.key,
				contentType: call.headers['content-type'] ?? 'application/octet-stream',
				...options,
				initiated: new Date(state.wallClock()).toISOString(),
				parts: new Map(),
			});
			return {
				status: 200,
				xml: xmlDocument('InitiateMultipartUploadResult', { Bucket: call.bucket, Key: call.key, UploadId: uploadId }),
			};
		}
		case 'UploadPart': {
			const upload = uploadOf(state, call);
			const partNumber = Number(call.query.get('partNumber'));
			if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
				throw new OssError(
					400,
					'InvalidArgument',
					`Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive.`,
					{
						ArgumentName: 'partNumber',
						ArgumentValue: call.query.get('partNumber') ?? '',
					},
				);
			}
			const file = await receiveChecked(state, call);
			if (!oss.uploads.has(upload.uploadId)) {
				oss.discard(file);
				throw new OssError(404, 'NoSuchUpload', 'The specified upload does not exist.');
			}
			oss.discard(upload.parts.get(partNumber));
			upload.parts.set(partNumber, file);
			return { status: 200, headers: { etag: file.etag } };
		}
		case 'CompleteMultipartUpload': {
			const upload = uploadOf(state, call);
			const listed = parseCompleteParts(await readSmallBody(call.req));
			if (!listed || listed.length === 0)
				throw new OssError(
					400,
					'MalformedXML',
					'The XML you provided was not well-formed or did not validate against our published schema.',
				);
			const files: StoredFile[] = [];
			if (listed.some((part, position) => position > 0 && part.partNumber <= listed[position - 1].partNumber)) {
				throw new OssError(
					400,
					'InvalidPartOrder',
					'The list of parts was not in ascending order. Parts list must be specified in order by part number.',
				);
			}
			listed.forEach((part, position) => {
				const file = upload.parts.get(part.partNumber);
				if (!file || file.etag.toUpperCase() !== part.etag.toUpperCase()) {
					throw new OssError(
						400,
						'InvalidPart',
						"One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
						{
							PartNumber: String(part.partNumber),
						},
					);
				}
				if (position < listed.length - 1 && file.size < MIN_PART_BYTES) {
					throw new OssError(
						400,
						'EntityTooSmall',
						'Your proposed upload is smaller than the minimum allowed size: every part but the last must be at least 100 KB.',
					);
				}
				files.push(file);
			});
			const object = await oss.concatenate(files);
			for (const part of upload.parts.values()) oss.discard(part);
			oss.uploads.delete(upload.uploadId);
			oss.discard(oss.objects.get(objectId));
			oss.objects.set(objectId, {
				...object,
				bucket: call.bucket,
				key: call.key,
				contentType: upload.contentType,
				acl: upload.acl,
				storageClass: upload.storageClass,
				multipart: true,
				partCount: files.length,
			});
			return {
				status: 200,
				headers: { etag: object.etag },
				xml: xmlDocument('CompleteMultipartUploadResult', {
					Location: `http://${call.bucket}.oss-${oss.buckets.get(call.bucket)?.region}.aliyuncs.com/${call.key}`,
					Bucket: call.bucket,
					Key: call.key,
					ETag: object.etag,
				}),
			};
		}
		case 'AbortMultipartUpload': {
			const upload = uploadOf(state, call);
			await readSmallBody(call.req);
			for (const part of upload.parts.values()) oss.discard(part);
			oss.uploads.delete(upload.uploadId);
			return { status: 204 };
		}
	}
}
