/**
 * Serves a webhook trigger's production URL over a real socket, as n8n's LiveWebhooks does for an active workflow:
 * each call builds the `Workflow` from the last saved static data (a copy per call, as n8n reads it from the
 * database per call), reads the body as n8n 2.41 does (webhookBody.ts: `body` per content type, `rawBody`,
 * `contentType`), runs the node's `webhook()` in n8n-core's own `WebhookContext` (that request, headers, query; the
 * real response object), saves the static data if it changed, answers for the node if it did not answer itself
 * (n8n's "onReceived" answers), and starts an execution (mode `webhook`) when the node returned workflow data.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import {
	isNodeClassInstance,
	NodeHelpers,
	type IDataObject,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
} from 'n8n-workflow';

import { TestCredentialsHelper, type TestCredentials } from './credentials-helper';
import { asWebhookRequest, parseRequestBody, WebhookBodyError } from './webhookBody';
import type { WorkflowDefinition } from './types';
import type { WorkflowRun } from './workflowRun';

/** What one call to the served webhook did. */
export interface WebhookCall {
	method: string;
	headers: IncomingMessage['headers'];
	/** What n8n's body parsing left in `request.body` (undefined for a type it does not parse). */
	body: unknown;
	/** The HTTP status answered. */
	status: number;
	/** What the node returned as items (undefined: no execution started). */
	workflowData?: INodeExecutionData[][];
	/** The execution it started, once finished. */
	run?: Promise<WorkflowRun>;
	/** Wall-clock ms when the call arrived and when it was answered. */
	receivedAt: number;
	answeredAt: number;
	/** Wall-clock ms when the node's `webhook()` returned and its static data was saved (0: not yet, or never). */
	handledAt: number;
}

export interface ServedWebhook {
	/** The node's production URL (what its `getNodeWebhookUrl('default')` gives). */
	url: string;
	readonly calls: WebhookCall[];
	/** Errors of the serving itself (not of the node's webhook, which answer 500): a test should expect none. */
	readonly failures: Error[];
	/** Resolves once every call received so far has been handled (a node may answer before it returns). */
	settled(): Promise<void>;
	/** The workflow's static data as last saved. */
	staticData(): IDataObject;
	close(): Promise<void>;
}

export interface ServeWebhookOptions {
	credentials: TestCredentials;
	staticData?: IDataObject;
	/** Port to listen on; default a free one. */
	port?: number;
}

/** What the serving needs from the harness (kept small so this file stays about webhooks). */
export interface WebhookHost {
	createWorkflow(definition: WorkflowDefinition, staticData?: IDataObject): Workflow;
	createAdditionalData(
		helper: TestCredentialsHelper,
		hooks: undefined,
		workflowId: string | undefined,
		urlBase: string,
	): IWorkflowExecuteAdditionalData;
	registry: ConstructorParameters<typeof TestCredentialsHelper>[0];
	runFromTrigger(
		definition: WorkflowDefinition,
		triggerNodeName: string,
		data: INodeExecutionData[][],
		credentials: TestCredentials,
		staticData: IDataObject,
	): Promise<WorkflowRun>;
}

function toPlain(value: IDataObject): IDataObject {
	return JSON.parse(JSON.stringify(value ?? {})) as IDataObject;
}

export async function serveWebhook(
	host: WebhookHost,
	definition: WorkflowDefinition,
	triggerNodeName: string,
	options: ServeWebhookOptions,
): Promise<ServedWebhook> {
	// Every n8n workflow has an ID of its own; nodes may keep state per workflow ID.
	definition = { ...definition, id: definition.id ?? `harness-webhook-${randomUUID()}` };
	let saved: IDataObject = structuredClone(options.staticData ?? definition.staticData ?? {});
	const calls: WebhookCall[] = [];
	const failures: Error[] = [];
	const probe = host.createWorkflow(definition, saved);
	const probeNode = probe.getNode(triggerNodeName);
	if (!probeNode) throw new Error(`No node named "${triggerNodeName}"`);
	const nodeType = probe.nodeTypes.getByNameAndVersion(probeNode.type, probeNode.typeVersion);
	const description = nodeType.description.webhooks?.find((webhook) => webhook.name === 'default');
	const webhook = nodeType.webhook;
	if (!webhook || !description) throw new Error(`Node "${triggerNodeName}" has no default webhook`);

	// Like n8n's WebhookService.getNodeWebhooks: method, path and isFullPath may be expressions over the parameters.
	const resolved = (value: unknown, fallback?: unknown) =>
		probe.expression.getSimpleParameterValue(probeNode, value as string, 'internal', {}, undefined, fallback as never);
	const httpMethod = String(resolved(description.httpMethod, 'GET')).toUpperCase();
	const path = String(resolved(description.path) ?? '').replace(/^\/+/, '');
	const isFullPath = resolved(description.isFullPath, false) === true;
	let urlBase = '';
	let webhookPath = '';
	const handle = async (message: IncomingMessage, response: ServerResponse): Promise<void> => {
		const receivedAt = Date.now();
		const request = asWebhookRequest(message);
		const method = (request.method ?? 'GET').toUpperCase();
		const requested = new URL(request.url ?? '/', urlBase).pathname;
		if (requested !== `/webhook/${webhookPath}` || method !== httpMethod) {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ message: `The requested webhook "${method} ${requested}" is not registered.` }));
			return;
		}
		const call: WebhookCall = {
			method,
			headers: request.headers,
			body: undefined,
			status: 0,
			receivedAt,
			answeredAt: 0,
			handledAt: 0,
		};
		calls.push(call);
		response.on('finish', () => {
			call.status = response.statusCode;
			call.answeredAt = Date.now();
		});
		Object.assign(request, {
			query: Object.fromEntries(new URL(request.url ?? '/', urlBase).searchParams),
			params: {},
		});
		const workflow = host.createWorkflow(definition, saved);
		const node = workflow.getNode(triggerNodeName)!;
		try {
			await parseRequestBody(request, workflow, node);
		} catch (error) {
			if (!(error instanceof WebhookBodyError)) throw error;
			response.writeHead(error.status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(error.answer));
			return;
		}
		call.body = request.body;
		const helper = new TestCredentialsHelper(host.registry, structuredClone(options.credentials));
		const additionalData = host.createAdditionalData(helper, undefined, workflow.id, urlBase);
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = response as never;
		const webhookData: IWebhookData = {
			httpMethod: httpMethod as IHttpRequestMethods,
			node: node.name,
			path: webhookPath,
			webhookDescription: description as IWebhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		let result;
		try {
			// As n8n's WebhookService.runWebhook: nodes written as classes of `Node` get the context as an argument.
			result = isNodeClassInstance(nodeType)
				? await (nodeType as { webhook: (context: WebhookContext) => Promise<IWebhookResponseData> }).webhook(context)
				: await webhook.call(context);
		} catch (error) {
			if (!response.headersSent) {
				response.writeHead(500, { 'content-type': 'application/json' });
				response.end(JSON.stringify({ message: (error as Error).message }));
			}
			return;
		}
		if (workflow.staticData.__dataChanged === true) {
			workflow.staticData.__dataChanged = false;
			const { __dataChanged: _changed, ...data } = toPlain(workflow.staticData);
			saved = data;
		}
		call.handledAt = Date.now();
		if (!result.noWebhookResponse && !response.headersSent) {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify(
					result.workflowData ? { message: 'Workflow was started' } : { message: 'Webhook call received' },
				),
			);
		}
		if (result.workflowData) {
			call.workflowData = result.workflowData;
			call.run = host.runFromTrigger(definition, triggerNodeName, result.workflowData, options.credentials, saved);
		}
	};

	const handling = new Set<Promise<void>>();
	const server: Server = createServer((request, response) => {
		const handled = handle(request, response).catch((error: Error) => {
			failures.push(error);
			if (response.headersSent) return;
			response.writeHead(500);
			response.end(error.message);
		});
		handling.add(handled);
		void handled.finally(() => handling.delete(handled));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	urlBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	webhookPath = NodeHelpers.getNodeWebhookPath(probe.id, probeNode, path, isFullPath);
	return {
		url: `${urlBase}/webhook/${webhookPath}`,
		calls,
		failures,
		staticData: () => structuredClone(saved),
		settled: async () => {
			while (handling.size > 0) await Promise.all([...handling]);
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
