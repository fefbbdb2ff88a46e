/** Shared set-up of the Media Producing suites: the emulators, the Submit node's step and a one-node workflow run. */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from './emulators';

export const SUBMIT = 'Submit Media Producing Job';
export const GET = 'Get Media Producing Job';
export const OUT = 'https://media-out.oss-cn-shanghai.aliyuncs.com/videos/launch.mp4';
export const TIMELINE = { VideoTracks: [{ VideoTrackClips: [{ MediaId: 'c3f8d1a0e2b94f6a8b7c6d5e4f3a2b1c' }] }] };
export const TIMELINE_TEXT = JSON.stringify(TIMELINE);

export function submitStep(parameters: IDataObject, onError?: 'continueRegularOutput') {
	return {
		name: SUBMIT,
		type: 'alibabaCloudSubmitMediaProducingJob',
		onError,
		parameters: { source: 'timeline', timeline: TIMELINE_TEXT, outputMediaUrl: OUT, ...parameters },
	};
}

export const tracks = (count: number, track: IDataObject = {}) => Array.from({ length: count }, () => ({ ...track }));

/** Registers the suite's emulators (`emulator`: manual clock, `fast`: FAST_CLOCK) and a runner of the Submit node. */
export function mediaProducingSuite() {
	const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });
	async function submit(
		parameters: IDataObject = {},
		items: IDataObject[] = [{}],
		target: Emulator = emulators.emulator,
	) {
		return runWorkflow(chain(submitStep(parameters)), {
			credentials: sandboxCredentials(target),
			pinData: startingWith(items),
		});
	}
	return { emulators, submit };
}
