/**
 * Fields the emulator puts inside `open` objects of a response although the contract does not list them. Each one
 * needs a reason from outside the SDK models; anything else outside an open object counts as a misfit.
 */
export const DOCUMENTED_RESPONSE_EXTRAS: Record<string, string> = {
	'GetJobDetail:response:WorkflowTaskDetail.ActivityResults<json>{}.Result<json>.MessageBody.ErrorCode':
		'VOD event notifications (TranscodeComplete, SnapshotComplete, ...) carry ErrorCode in their message body when ' +
		'the step failed; an activity Result embeds that event message (SDK example of ActivityResults).',
	'GetJobDetail:response:WorkflowTaskDetail.ActivityResults<json>{}.Result<json>.MessageBody.ErrorMessage':
		'Same VOD event message body as ErrorCode: ErrorMessage accompanies it when the step failed.',
};

/** Request fields inside `open` JSON structures that the contract does not list, each with its source. */
export const DOCUMENTED_REQUEST_EXTRAS: Record<string, string> = {
	'SubmitLiveEditingJob:request:Clips<json>[].CoverTime':
		'IMS SubmitLiveEditingJob reference (api-notes.md, Operations): a clip may carry CoverTime.',
	'SubmitLiveEditingJob:request:Clips<json>[].CoverUrl':
		'IMS SubmitLiveEditingJob reference (api-notes.md, Operations): a clip may carry CoverUrl.',
};
