/**
 * A finished job's second read, for kinds whose Get answer lacks what a workflow wants once the job is done (a
 * snapshot job's image URLs): every page of it, added to the job's normalized fields. Kinds without one are output
 * as their Get answer says.
 */
import type { IDataObject, IExecuteFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { JobKind } from '../jobKinds';
import { JOB_KINDS } from '../jobKinds';
import { callApi } from '../transport/request';
import type { JobKindDeclaration, JobSummary } from './declaration';

/** A read of hundreds of pages is a job no one meant to follow here: the pages read so far are output. */
const MAX_PAGES = 100;

export async function withFinishedRead(
	context: IExecuteFunctions | IPollFunctions | IWebhookFunctions,
	kind: JobKind,
	output: IDataObject,
	options: { timeoutMs: number; itemIndex?: number },
): Promise<IDataObject> {
	const { finishedRead }: JobKindDeclaration = JOB_KINDS[kind];
	const summary = output as JobSummary;
	if (!finishedRead || !finishedRead.wanted(summary)) return output;
	const answers: IDataObject[] = [];
	for (let page = 1; page <= MAX_PAGES && (page === 1 || finishedRead.more(answers)); page++) {
		answers.push(await callApi(context, finishedRead.operation, { query: finishedRead.query(summary, page) }, options));
	}
	return { ...output, ...finishedRead.fields(answers) };
}
