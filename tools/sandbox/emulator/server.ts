/** node:http server: admin routes under /__emulator/, everything else is an ICE/VOD RPC call. */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { isActionAllowed } from './accounts';
import { handleAdmin, ADMIN_PREFIX } from './admin';
import { authenticate } from './auth';
import { isoSeconds } from './clock';
import { ApiError, errorBody, newRequestId } from './errors';
import { errorFaultDetails, htmlErrorPage } from './faults';
import { OPERATIONS, PRODUCT_VERSIONS } from './operations';
import { Params } from './params';
import { LoggedRequest, redactHeaders } from './requestLog';
import { parsePairs } from './signature';
import { EmulatorState } from './state';
import { EmulatorControl } from './control';
import { handleOssRequest, isOssWireRequest } from './oss/server';

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (char: Buffer) => chunks.push(char));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function firstValues(pairs: Array<[string, string]>): Params {
	const out: Params = {};
	for (const [key, value] of pairs) if (!(key in out)) out[key] = value;
	return out;
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [key, value] of Object.entries(req.headers)) out[key] = Array.isArray(value) ? value.join(',') : value;
	return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createEmulatorServer(holder: EmulatorControl): Server {
	return createServer((req, res) => {
		handle(holder, req, res).catch((err: unknown) => {
			if (!res.headersSent) {
				res.writeHead(500, { 'content-type': 'text/plain' });
				res.end(`emulator bug: ${String(err instanceof Error ? err.stack : err)}`);
			}
		});
	});
}

async function handle(holder: EmulatorControl, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const rawUrl = req.url ?? '/';
	const query = rawUrl.indexOf('?');
	const path = query < 0 ? rawUrl : rawUrl.slice(0, query);
	const rawQuery = query < 0 ? '' : rawUrl.slice(query + 1);
	const isAdmin = path === ADMIN_PREFIX || path.startsWith(ADMIN_PREFIX + '/');
	// OSS bodies (uploads) stream to disk: they are not read into memory here.
	if (!isAdmin && isOssWireRequest(req, path)) return handleOssRequest(holder.state, req, res, path, rawQuery);
	const body = await readBody(req);
	if (isAdmin) {
		const { status, json } = await handleAdmin(
			holder,
			req.method ?? 'GET',
			path.slice(ADMIN_PREFIX.length) || '/',
			rawQuery,
			body,
		);
		res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
		res.end(JSON.stringify(json));
		return;
	}
	await handleRpc(holder.state, req, res, path, rawQuery, body);
}

async function handleRpc(
	state: EmulatorState,
	req: IncomingMessage,
	res: ServerResponse,
	path: string,
	rawQuery: string,
	body: Buffer,
): Promise<void> {
	const headers = headerMap(req);
	const queryPairs = parsePairs(rawQuery);
	const isForm = (headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
	const formPairs = isForm ? parsePairs(body.toString('utf8')) : [];
	const action = headers['x-acs-action'];
	const version = headers['x-acs-version'];
	const product = version ? PRODUCT_VERSIONS[version] : undefined;
	const requestId = newRequestId();
	// Quotas count a request when it arrives, before the simulated latency: `time` is that moment.
	const arrivedAt = state.wallClock();
	const entry: LoggedRequest = {
		time: new Date(arrivedAt).toISOString(),
		virtualTime: isoSeconds(state.clock.now()),
		method: req.method ?? 'GET',
		path,
		action,
		version,
		product,
		query: firstValues(queryPairs),
		form: firstValues(formPairs),
		rawBody: body.toString('utf8'),
		headers: redactHeaders(headers),
		requestId,
		outcome: 'response',
	};
	state.requests.push(entry);
	const host = `${(product ?? 'ICE').toLowerCase()}.${state.region}.aliyuncs.com`;

	const send = (status: number, payload: Record<string, unknown>): void => {
		entry.status = status;
		entry.errorCode = typeof payload.Code === 'string' && status >= 400 ? payload.Code : undefined;
		res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId });
		res.end(JSON.stringify(payload));
	};
	const sendError = (err: ApiError): void => send(err.status, errorBody(err, requestId, host, product ?? 'ICE'));
	const reset = (): void => {
		entry.outcome = 'reset';
		req.socket.destroy();
	};

	const { delayMs, outcome } = state.faults.take(action ?? '');
	if (delayMs + state.latencyMs > 0) await sleep(delayMs + state.latencyMs);
	const faultNow = (): boolean => {
		if (!outcome) return false;
		if (outcome.type === 'reset') reset();
		else if (outcome.type === 'html') {
			entry.status = outcome.status ?? 502;
			res.writeHead(entry.status, { 'content-type': 'text/html', server: 'nginx' });
			res.end(htmlErrorPage(entry.status));
		} else {
			const data = errorFaultDetails(outcome);
			sendError(new ApiError(data.status, data.code, data.message));
		}
		return true;
	};
	if (outcome && !outcome.afterEffect && faultNow()) return;

	let result: { status: number; payload: Record<string, unknown> } | { error: ApiError };
	try {
		const account = authenticate(
			{ method: req.method ?? 'GET', path, queryPairs, headers, body },
			(id) => state.accounts.get(id),
			state.nonces,
			state.wallClock(),
		);
		entry.accessKeyId = account.accessKeyId;
		if (!product)
			throw new ApiError(400, 'InvalidVersion', `Specified parameter Version is not valid. Version: ${version ?? ''}`);
		const operation = Object.prototype.hasOwnProperty.call(OPERATIONS[product], action ?? '')
			? OPERATIONS[product][action ?? '']
			: undefined;
		if (!operation)
			throw new ApiError(
				404,
				'InvalidAction.NotFound',
				'Specified api is not found, please check your url and method.',
			);
		const ramAction = `${product.toLowerCase()}:${action}`;
		if (!isActionAllowed(account, ramAction)) {
			throw new ApiError(
				403,
				'Forbidden.RAM',
				`User not authorized to operate on the specified resource, or this API doesn't support RAM. Action: ${ramAction}`,
			);
		}
		if (
			state.quotas.throttled(account.accessKeyId, action ?? '', arrivedAt) ||
			state.faults.throttled(account.accessKeyId, action ?? '', arrivedAt)
		) {
			throw new ApiError(400, 'Throttling.User', 'Request was denied due to user flow control.');
		}
		const params: Params = { ...firstValues(formPairs), ...firstValues(queryPairs) };
		const payload = operation({
			params,
			jobs: state.jobs,
			catalogue: state.catalogue,
			clock: state.clock,
			region: state.region,
			vodSubmitOmitsTaskId: state.vodSubmitOmitsTaskId,
			callbacks: state.callbacks,
		});
		result = { status: 200, payload: { RequestId: requestId, ...payload } };
	} catch (err) {
		if (!(err instanceof ApiError)) throw err;
		result = { error: err };
	}
	if (outcome && faultNow()) return;
	if ('error' in result) sendError(result.error);
	else send(result.status, result.payload);
}
