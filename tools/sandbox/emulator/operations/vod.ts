/** ApsaraVideo VOD workflow tasks: SubmitWorkflowJob, GetJobDetail (JobType=workflow). */
import { isoSeconds } from '../clock';
import { ApiError, invalidParameter } from '../errors';
import { Job, JobStore } from '../jobs';
import { oneOf, optional, required } from '../params';
import { Operation } from './context';
import { activityResults, taskInput } from './vodActivities';

const JOB_TYPES = ['transcode', 'snapshot', 'ai', 'workflow'] as const;

export const submitWorkflowJob: Operation = ({ params, jobs, vodSubmitOmitsTaskId }) => {
	const workflowId = required(params, 'WorkflowId');
	const mediaId = optional(params, 'MediaId');
	const job = jobs.submit('workflow', {
		WorkflowId: workflowId,
		MediaId: mediaId,
		WorkflowName: `workflow-${workflowId.slice(0, 8)}`,
	});
	return vodSubmitOmitsTaskId ? {} : { TaskId: job.jobId };
};

function workflowTaskView(jobs: JobStore, job: Job): Record<string, unknown> {
	const state = jobs.state(job);
	const data = job.data;
	const created = isoSeconds(job.createdAt);
	return {
		TaskId: job.jobId,
		Status: state.status,
		TaskInput: taskInput(job),
		ActivityResults: activityResults(job, state),
		CreateTime: created,
		FinishTime: state.finishedAt !== undefined ? isoSeconds(state.finishedAt) : undefined,
		UserData: data.UserData,
		Workflow: {
			WorkflowId: data.WorkflowId,
			Name: data.WorkflowName,
			Status: 'Active',
			Type: 'Transcode',
			AppId: 'app-1000000',
			CreateTime: created,
			ModifiedTime: created,
		},
	};
}

export const getJobDetail: Operation = ({ params, jobs }) => {
	const jobId = required(params, 'JobId');
	const jobType = oneOf('JobType', required(params, 'JobType'), JOB_TYPES);
	if (jobType !== 'workflow')
		throw invalidParameter(
			'JobType',
			`The emulator only knows workflow tasks; ${String(jobType)} jobs are not supported.`,
		);
	const job = jobs.get(jobId, 'workflow');
	if (!job) throw new ApiError(404, 'JobNotFound', `The specified job "${jobId}" is not found.`);
	return { JobType: 'workflow', WorkflowTaskDetail: workflowTaskView(jobs, job) };
};
