import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import { timeoutOption } from '../shared/descriptions/common';
import { nodeDocumentationUrl } from '../shared/descriptions/documentation';
import { readJob } from '../shared/execution/readJob';
import { nodeErrorOf } from '../shared/helpers/validation';
import { JOB_KINDS } from '../shared/jobKinds';
import type { EventProduct, EventSummary } from '../shared/jobs/jobEvents';
import { eventIdentity, JOB_EVENT_TYPES, JOB_EVENTS, summarizeEvent } from '../shared/jobs/jobEvents';
import { eventMessage } from './eventMessage';
import { callbackKeysOf, checkCallbackKeys } from './keys';
import type { DuplicateMemory } from './seenEvents';
import { claimEvent } from './seenEvents';
import type { EventTriggerSettings, Outcome } from './settings';
import { duplicateWindowOption, OTHER_EVENTS, readSettings, timestampWindowOption } from './settings';
import { verifySignature } from './signature';

const CALLBACK_CREDENTIAL = 'alibabaCloudMediaCallbackApi';

/** The job events one product sends, as its callback settings list them (EventTypeList). */
const eventTypesOf = (product: EventProduct): string =>
	JOB_EVENT_TYPES.filter((type) => JOB_EVENTS[type].product === product).join(',');

/** The Get operations that confirm what an event says. */
const CONFIRMING_READS = [
	...new Set(Object.values(JOB_EVENTS).map((facts) => JOB_KINDS[facts.kind].get.operation.action)),
].join(', ');

interface WritableResponse {
	headersSent?: boolean;
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/** The node answers every call itself, at once: Alibaba waits for the answer and retries anything but 200. */
function answer(response: WritableResponse, status: number, message: string): void {
	if (response.headersSent) return;
	response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	response.end(JSON.stringify({ message }));
}

function settingsOf(context: IWebhookFunctions): EventTriggerSettings {
	try {
		return readSettings((name, fallback) => context.getNodeParameter(name, fallback));
	} catch (error) {
		throw nodeErrorOf(context.getNode(), error);
	}
}

function wanted(summary: EventSummary, settings: EventTriggerSettings): boolean {
	if (!summary.jobKind) return settings.otherEvents;
	if (!settings.eventTypes.includes(summary.eventType)) return false;
	return settings.outcomes.includes(summary.status as Outcome);
}

function duplicateMemory(
	context: IWebhookFunctions,
	nowSeconds: number,
	settings: EventTriggerSettings,
): DuplicateMemory {
	return {
		staticData: context.getWorkflowStaticData('node'),
		scope: `${context.getWorkflow().id ?? ''}/${context.getNode().name}`,
		nowSeconds,
		windowSeconds: settings.duplicateWindowSeconds,
	};
}

/** The API's word on the job, read once with its Get operation; the callback's own fields stay under `event`. */
async function confirmed(
	context: IWebhookFunctions,
	summary: EventSummary,
	settings: EventTriggerSettings,
): Promise<IDataObject> {
	if (!summary.jobKind || !summary.jobId) return { ...summary, confirmed: false };
	try {
		const output = await readJob(context, summary.jobKind, summary.jobId, settings.timeoutMs);
		const { job, requestId, ...fields } = output;
		return {
			...summary,
			...fields,
			eventType: summary.eventType,
			eventTime: summary.eventTime,
			callbackStatus: summary.status,
			confirmed: true,
			job,
			requestId,
		};
	} catch (error) {
		return { ...summary, confirmed: false, confirmError: (error as Error).message };
	}
}

export class AlibabaCloudMediaEventTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alibaba Cloud Media Event Trigger',
		name: 'alibabaCloudMediaEventTrigger',
		icon: { light: 'file:../../icons/alibabaCloud.svg', dark: 'file:../../icons/alibabaCloud.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{[].concat($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow the moment Alibaba Cloud calls back: Intelligent Media Services events (a media production or live editing job finished) and ApsaraVideo VOD events (a workflow task finished), signature-checked',
		documentationUrl: nodeDocumentationUrl('media-event-trigger'),
		defaults: { name: 'Media Event Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'alibabaCloudMediaCallbackApi', required: true, testedBy: 'callbackKeys' },
			{ name: 'alibabaCloudApi', required: true, displayOptions: { show: { confirmWithApi: [true] } } },
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: `This node never changes your callback settings. Publish the workflow, then point Alibaba at its Production URL (above) with authentication on: IMS console → Configurations → Callback Settings (region!): Callback Method HTTP, Callback URL = the Production URL, events ${eventTypesOf('ice')}, Authentication on with the ICE AuthKey of the credential; or SetEventCallback CallbackType=HTTP, CallbackURL, EventTypeList=${eventTypesOf('ice')}, AuthSwitch=on, AuthKey. VOD console → Configuration Management → Media Processing → Callback: HTTP, the same URL, event ${eventTypesOf('vod')}, Callback Authentication on with the VOD private key; or SetMessageCallback CallbackType=HTTP, CallbackURL, EventTypeList=${eventTypesOf('vod')}, AuthSwitch=on, AuthKey. Both settings are one per region for the whole account. Job kinds without an event (packaging, for one) are followed by the Media Job Trigger.`,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['ProduceMediaComplete', 'WorkflowTaskComplete'],
				options: [
					// n8n's node panel offers each option as a trigger ("On media production finished"): names read as events
					...JOB_EVENT_TYPES.map((type) => ({ ...JOB_EVENTS[type].option, value: type })),
					{
						name: 'Any Other Event',
						value: OTHER_EVENTS,
						description: 'Other ICE or VOD events (uploads, transcoding, AI…), emitted with their raw message',
					},
				],
				description: 'Which events start the workflow; signed calls of other types are answered and dropped',
			},
			{
				displayName: 'Outcomes',
				name: 'outcomes',
				type: 'multiOptions',
				required: true,
				default: ['failed', 'succeeded'],
				options: [
					{ name: 'Failed', value: 'failed', description: 'The job ended with an error' },
					{ name: 'Succeeded', value: 'succeeded', description: 'The job produced its output' },
				],
				description: 'Which outcomes of job events start the workflow',
			},
			{
				displayName: 'Confirm with the API',
				name: 'confirmWithApi',
				type: 'boolean',
				default: false,
				description: `Whether to read each job once with its Get operation (${CONFIRMING_READS}) before emitting it, and emit what the API says; the callback’s own status stays in callbackStatus. Needs the Alibaba Cloud API credential.`,
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Callback URL as Registered',
						name: 'callbackUrl',
						type: 'string',
						default: '',
						placeholder: 'https://n8n.example.com/webhook/…/webhook',
						description:
							'The URL exactly as entered at Alibaba: the signature covers it. Leave empty to use this node’s Production URL. Set it when n8n sits behind a proxy or tunnel that changes the URL n8n sees (WEBHOOK_URL not set, another host, port or path prefix).',
					},
					duplicateWindowOption,
					timestampWindowOption,
					timeoutOption,
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async callbackKeys(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = checkCallbackKeys(credential.data ?? {});
				return problem ? { status: 'Error', message: problem } : { status: 'OK', message: 'The keys are well-formed' };
			},
		},
	};

	/**
	 * Nothing is registered at Alibaba on activation, nor removed on deactivation: the callback URL is one per region
	 * for the whole account and may serve other consumers, so only the user changes it (see the notice).
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject() as unknown as WritableResponse;
		const settings = settingsOf(this);
		const credential = await this.getCredentials(CALLBACK_CREDENTIAL);
		const nowSeconds = Math.floor(Date.now() / 1000);
		// Headers and URL only: the body is not read before the call is known to be Alibaba's.
		const verdict = verifySignature({
			headers: this.getHeaderData() as Record<string, unknown>,
			callbackUrl: settings.callbackUrl ?? this.getNodeWebhookUrl('default') ?? '',
			keys: callbackKeysOf(credential),
			nowSeconds,
			windowSeconds: settings.timestampWindowSeconds,
		});
		if (!verdict.accepted) {
			answer(response, 401, verdict.reason);
			return { noWebhookResponse: true };
		}
		const event = eventMessage(this.getRequestObject());
		if (!event) {
			answer(response, 400, 'The body is not an Alibaba Cloud event message (JSON with EventType)');
			return { noWebhookResponse: true };
		}
		answer(response, 200, 'received');

		const summary = summarizeEvent(verdict.product, event);
		if (!wanted(summary, settings)) return { noWebhookResponse: true };
		const digest = createHash('md5').update(JSON.stringify(event)).digest('hex');
		const identity = eventIdentity(summary, digest);
		// Claimed before the first await below, so that a delivery of the same event handled meanwhile sees the claim.
		const memory = duplicateMemory(this, nowSeconds, settings);
		if (!claimEvent(memory, identity)) return { noWebhookResponse: true };
		const fields = settings.confirmWithApi ? await confirmed(this, summary, settings) : summary;
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: { ...fields, verifiedWith: verdict.verifiedWith, event } }]],
		};
	}
}
