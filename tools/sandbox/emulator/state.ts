/** Everything the emulator knows, shared by the RPC server, the admin API and the in-process handle. */
import { EmulatorAccount, sandboxAccounts } from './accounts';
import { NonceStore } from './auth';
import { Catalogue } from './catalogue';
import type { CallbackDispatcher } from './callbacks/dispatcher';
import type { CallbackSettings } from './callbacks/settings';
import { Clock } from './clock';
import { FaultInjector } from './faults';
import { JobStore } from './jobs';
import { LoggedRequest } from './requestLog';
import type { OssStore } from './oss/store';

export interface EmulatorState {
	region: string;
	clock: Clock;
	jobs: JobStore;
	/** Templates, pipelines and editing projects the list operations answer with. */
	catalogue: Catalogue;
	faults: FaultInjector;
	/** Per-action quotas (requests per second per AccessKey), kept across resets: the account's limits. */
	quotas: FaultInjector;
	/** Added before every answer: the round trip to Alibaba's endpoint. */
	latencyMs: number;
	nonces: NonceStore;
	accounts: Map<string, EmulatorAccount>;
	requests: LoggedRequest[];
	/** Real wall clock for signature timestamps and STS expiry. */
	wallClock: () => number;
	/** Older VOD answers to SubmitWorkflowJob carry no TaskId (api-notes: "treat as optional"). */
	vodSubmitOmitsTaskId: boolean;
	/** OSS buckets, objects (in files of a temp dir) and unfinished multipart uploads. */
	oss: OssStore;
	/** SetEventCallback / SetMessageCallback settings, and the deliveries they cause. */
	callbacks: CallbackSettings;
	dispatcher: CallbackDispatcher;
}

export function accountMap(extra: EmulatorAccount[] = []): Map<string, EmulatorAccount> {
	return new Map([...sandboxAccounts(), ...extra].map((left) => [left.accessKeyId, { ...left }]));
}
