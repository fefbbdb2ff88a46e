import { Catalogue } from '../catalogue';
import type { CallbackSettings } from '../callbacks/settings';
import { Clock } from '../clock';
import { JobStore } from '../jobs';
import { Params } from '../params';

export interface OperationContext {
	params: Params;
	jobs: JobStore;
	catalogue: Catalogue;
	clock: Clock;
	region: string;
	vodSubmitOmitsTaskId: boolean;
	/** The account's ICE event callback and VOD message callback settings. */
	callbacks: CallbackSettings;
}

/** Returns the response body without RequestId (the server adds it). */
export type Operation = (ctx: OperationContext) => Record<string, unknown>;
