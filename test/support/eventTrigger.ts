/** Jobs submitted to the emulator over its signed API, for the event trigger suites (engine and real n8n). */
import type { Emulator } from '../../tools/sandbox/emulator';
import { ICE_VERSION, rawCall, VOD_VERSION } from '../../tools/sandbox/emulator/sdkClient';

const json = (value: unknown): string => JSON.stringify(value);

async function submitted(
	answer: Promise<{ status: number; body: any; text: string }>,
	idField: string,
): Promise<string> {
	const { status, body, text } = await answer;
	if (status !== 200) throw new Error(`submission refused: ${status} ${text}`);
	return body[idField] as string;
}

export function submitProduction(emulator: Emulator, userData?: object): Promise<string> {
	return submitted(
		rawCall(emulator, {
			action: 'SubmitMediaProducingJob',
			version: ICE_VERSION,
			query: {
				OutputMediaConfig: json({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out/event.mp4' }),
				...(userData ? { UserData: json(userData) } : {}),
			},
			form: { Timeline: json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'abc' }] }] }) },
		}),
		'JobId',
	);
}

export function submitLiveEditing(emulator: Emulator): Promise<string> {
	return submitted(
		rawCall(emulator, {
			action: 'SubmitLiveEditingJob',
			version: ICE_VERSION,
			query: {
				Clips: json([{ StartTime: '2026-01-10T07:00:00Z', EndTime: '2026-01-10T07:01:00Z' }]),
				LiveStreamConfig: json({ AppName: 'app', DomainName: 'live.example.com', StreamName: 's' }),
			},
		}),
		'JobId',
	);
}

export function submitVodTask(emulator: Emulator): Promise<string> {
	return submitted(
		rawCall(emulator, {
			action: 'SubmitWorkflowJob',
			version: VOD_VERSION,
			query: { WorkflowId: 'a8fd3e2b1c4d5e6f7a8b9c0d1e2f3a4b', MediaId: 'f0e1d2c3b4a5968778695a4b3c2d1e0f' },
		}),
		'TaskId',
	);
}

/** The ProduceMediaComplete message Alibaba sends when a media producing job succeeds (fields as api-notes show). */
export function productionEvent(jobId: string, fields: Record<string, unknown> = {}) {
	return {
		EventType: 'ProduceMediaComplete',
		UserId: 1234567890123456,
		EventTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		MessageBody: {
			Status: 'Success',
			JobId: jobId,
			MediaId: 'c321b3a0041a71eda1590674a2ce0000',
			MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out/event.mp4',
			ErrorCode: '',
			ErrorMessage: '',
			...fields,
		},
	};
}
