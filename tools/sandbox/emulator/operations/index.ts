import { getEventCallback, getMessageCallback, setEventCallback, setMessageCallback } from './callbacks';
import { Operation } from './context';
import { listEditingProjects, listPipelines, listTemplates } from './catalogue';
import { getLiveEditingJob, submitLiveEditingJob } from './live';
import { getMediaInfo, registerMediaInfo } from './media';
import { getPackageJob, listPackageJobs, submitPackageJob } from './package';
import { getMediaProducingJob, listMediaProducingJobs, submitMediaProducingJob } from './producing';
import { getJobDetail, submitWorkflowJob } from './vod';

export type Product = 'ICE' | 'VOD';

export const PRODUCT_VERSIONS: Record<string, Product> = { '2020-11-09': 'ICE', '2017-03-21': 'VOD' };

export const OPERATIONS: Record<Product, Record<string, Operation>> = {
	ICE: {
		SubmitPackageJob: submitPackageJob,
		GetPackageJob: getPackageJob,
		ListPackageJobs: listPackageJobs,
		SubmitMediaProducingJob: submitMediaProducingJob,
		GetMediaProducingJob: getMediaProducingJob,
		ListMediaProducingJobs: listMediaProducingJobs,
		SubmitLiveEditingJob: submitLiveEditingJob,
		GetLiveEditingJob: getLiveEditingJob,
		RegisterMediaInfo: registerMediaInfo,
		GetMediaInfo: getMediaInfo,
		ListTemplates: listTemplates,
		ListPipelines: listPipelines,
		ListEditingProjects: listEditingProjects,
		SetEventCallback: setEventCallback,
		GetEventCallback: getEventCallback,
	},
	VOD: {
		SubmitWorkflowJob: submitWorkflowJob,
		GetJobDetail: getJobDetail,
		SetMessageCallback: setMessageCallback,
		GetMessageCallback: getMessageCallback,
	},
};

export type { Operation, OperationContext } from './context';
