/** Shared set-up of the emulator's operation suites: one emulator at a fixed start time, the official SDK client. */
import type OpenApi from '@alicloud/openapi-client';

import { sdk, sdkError } from '../../tools/sandbox/emulator/sdkClient';
import { suiteEmulators } from './emulators';

export const json = (value: unknown): string => JSON.stringify(value);
export const pkg = {
	Inputs: json([{ Input: { Type: 'OSS', Media: 'oss://bucket/in/video.mp4' } }]),
	Output: json({ Type: 'OSS', Media: 'oss://bucket/out/video.m3u8' }),
};
export const timeline = json({ VideoTracks: [{ VideoTrackClips: [{ MediaId: 'abc' }] }] });
export const ossOut = json({ MediaURL: 'https://bucket.oss-cn-shanghai.aliyuncs.com/out.mp4' });

/** Registers the suite's emulator and SDK client; `client()` and `emulators.emulator` are read inside tests. */
export function emulatorOperationsSuite() {
	const emulators = suiteEmulators({ emulator: { startTime: '2026-01-10T08:00:00Z' } });
	let sdkClient: OpenApi;
	beforeAll(() => {
		sdkClient = sdk(emulators.emulator);
	});
	const client = () => sdkClient;

	async function expectError(
		action: string,
		query: Record<string, string>,
		code: string,
		messagePart?: string,
		body?: Record<string, string>,
	): Promise<void> {
		const error = await sdkError(sdkClient, action, query, body);
		expect([error.code, error.statusCode]).toEqual([code, code.endsWith('NotFound') ? 404 : 400]);
		if (messagePart) expect(error.data.Message).toContain(messagePart);
	}

	return { emulators, client, expectError };
}
