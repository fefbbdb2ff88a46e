import { JOB_KINDS } from '../../nodes/shared/jobKinds';
import { paceFor } from '../../nodes/shared/transport/pacing';

const SubmitMediaProducingJob = JOB_KINDS.mediaProducing.submit.operation;
const SubmitWorkflowJob = JOB_KINDS.vodWorkflow.submit.operation;
const GetJobDetail = JOB_KINDS.vodWorkflow.get.operation;

describe('pacing: the quota of an AccessKey shared by several n8n processes', () => {
	it('a single process paces each action one request inside its documented quota', () => {
		expect(paceFor('one-process-key', SubmitMediaProducingJob).requestsPerWindow).toBe(29);
		expect(paceFor('one-process-key', GetJobDetail).requestsPerWindow).toBe(14);
	});

	it('each of N processes paces itself to its share, so that together they stay inside the quota', () => {
		for (const processes of [2, 3, 4]) {
			const share = paceFor('queue-mode-key', SubmitMediaProducingJob, processes).requestsPerWindow;
			expect(share * processes).toBeLessThan(30);
			expect(share).toBeGreaterThanOrEqual(Math.floor(30 / processes) - 1);
		}
	});

	it('never paces below one request per window, and treats a nonsense share as one process', () => {
		expect(paceFor('many-processes-key', GetJobDetail, 100).requestsPerWindow).toBe(1);
		expect(paceFor('odd-share-key', SubmitWorkflowJob, 0).requestsPerWindow).toBe(19);
	});
});
