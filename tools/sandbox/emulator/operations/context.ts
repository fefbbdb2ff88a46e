import { Catalogue } from '../catalogue';
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
}

/** Returns the response body without RequestId (the server adds it). */
export type Operation = (ctx: OperationContext) => Record<string, unknown>;
