/** Shared set-up of the Live Editing suites: the emulators, the smallest useful node and a one-node workflow run. */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../../tools/sandbox/emulator';
import { runWorkflow } from '../../tools/sandbox/engine';
import { chain, sandboxCredentials, startingWith } from '../../tools/sandbox/workflows/workflows';
import { FAST_CLOCK, suiteEmulators } from './emulators';

export const SUBMIT = 'Submit Live Editing Job';
export const GET = 'Get Live Editing Job';
export const OUT = 'https://media-out.oss-cn-shanghai.aliyuncs.com/live/highlights.mp4';
export const ITEM = { start: '2021-06-21T08:01:00Z', end: '2021-06-21T08:03:00Z', target: OUT };

/** The smallest useful node: one clip from expressions, the stream in Live Stream Config, an OSS output. */
export function minimal(overrides: IDataObject = {}): IDataObject {
	return {
		clips: { clip: [{ startTime: '={{ $json.start }}', endTime: '={{ $json.end }}' }] },
		liveStreamConfig: { stream: { appName: 'live', domainName: 'live.example.com', streamName: 'studio-1' } },
		outputMediaUrl: '={{ $json.target }}',
		...overrides,
	};
}

export function submit(parameters: IDataObject, onError?: 'continueRegularOutput') {
	return chain({ name: SUBMIT, type: 'alibabaCloudSubmitLiveEditingJob', parameters, onError });
}

/** Registers the suite's emulators (`emulator`: manual clock, `fast`: FAST_CLOCK) and a runner of the Submit node. */
export function liveEditingSuite() {
	const emulators = suiteEmulators({ emulator: {}, fast: FAST_CLOCK });
	async function run(
		parameters: IDataObject,
		items: IDataObject[] = [ITEM],
		on: Emulator = emulators.emulator,
		onError?: 'continueRegularOutput',
	) {
		return runWorkflow(submit(parameters, onError), {
			credentials: sandboxCredentials(on),
			pinData: startingWith(items),
		});
	}
	return { emulators, run };
}
