/** The event trigger's pure rules: signature verdicts, the duplicate memory, and event messages read as jobs. */
import { createHash } from 'node:crypto';

import { checkCallbackKeys } from '../../nodes/AlibabaCloudMediaEventTrigger/keys';
import { firstDelivery, MAX_SEEN } from '../../nodes/AlibabaCloudMediaEventTrigger/seenEvents';
import { verifySignature } from '../../nodes/AlibabaCloudMediaEventTrigger/signature';
import { eventIdentity, summarizeEvent } from '../../nodes/shared/jobs/jobEvents';

const URL = 'https://n8n.example.com/webhook/abc/webhook';
const KEYS = { ice: 'IceKey1', vod: 'vod-key' };
const NOW = 1_780_000_000;
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function call(headers: Record<string, string>, overrides: Partial<Parameters<typeof verifySignature>[0]> = {}) {
	return verifySignature({ headers, callbackUrl: URL, keys: KEYS, nowSeconds: NOW, windowSeconds: 300, ...overrides });
}

describe('verifySignature', () => {
	it('accepts md5(URL|timestamp|key) for each product, upper-case hex too, within the window', () => {
		const ice = { 'x-ice-timestamp': String(NOW - 299), 'x-ice-signature': md5(`${URL}|${NOW - 299}|IceKey1`) };
		const vod = {
			'x-vod-timestamp': String(NOW + 10),
			'x-vod-signature': md5(`${URL}|${NOW + 10}|vod-key`).toUpperCase(),
		};
		expect(call(ice)).toEqual({ accepted: true, product: 'ice' });
		expect(call(vod)).toEqual({ accepted: true, product: 'vod' });
	});

	it.each([
		['no headers', {}],
		['a timestamp only', { 'x-ice-timestamp': String(NOW) }],
		[
			'outside the window',
			{ 'x-ice-timestamp': String(NOW - 301), 'x-ice-signature': md5(`${URL}|${NOW - 301}|IceKey1`) },
		],
		['the other product’s key', { 'x-vod-timestamp': String(NOW), 'x-vod-signature': md5(`${URL}|${NOW}|IceKey1`) }],
		['another URL signed', { 'x-ice-timestamp': String(NOW), 'x-ice-signature': md5(`${URL}/|${NOW}|IceKey1`) }],
		['milliseconds', { 'x-ice-timestamp': String(NOW * 1000), 'x-ice-signature': md5(`${URL}|${NOW * 1000}|IceKey1`) }],
	])('refuses %s', (_label, headers) => {
		expect(call(headers)).toMatchObject({ accepted: false });
	});

	it('refuses a product whose key is not set, and never names a key in its reason', () => {
		const headers = { 'x-ice-timestamp': String(NOW), 'x-ice-signature': md5(`${URL}|${NOW}|IceKey1`) };
		const verdict = call(headers, { keys: { vod: 'vod-key' } });
		expect(verdict).toMatchObject({ accepted: false });
		expect(JSON.stringify(verdict)).not.toMatch(/IceKey1|vod-key/);
	});
});

describe('firstDelivery', () => {
	it('remembers an event for the window, then forgets it; bounded to MAX_SEEN entries', () => {
		const state = {};
		expect(firstDelivery(state, 'a', NOW, 60)).toBe(true);
		expect(firstDelivery(state, 'a', NOW + 59, 60)).toBe(false);
		expect(firstDelivery(state, 'a', NOW + 60, 60)).toBe(true);
		for (let index = 0; index < MAX_SEEN + 10; index++) firstDelivery(state, `e${index}`, NOW + 61 + index, 10_000);
		expect(Object.keys((state as { seen: object }).seen)).toHaveLength(MAX_SEEN);
		expect(firstDelivery(state, `e${MAX_SEEN + 9}`, NOW + 2000, 10_000)).toBe(false);
		expect(firstDelivery(state, 'e0', NOW + 2000, 10_000)).toBe(true);
	});
});

describe('summarizeEvent', () => {
	it('reads a ProduceMediaComplete with an older spelling (fail) as failed, and its identity ignores EventTime', () => {
		const event = {
			EventType: 'ProduceMediaComplete',
			EventTime: '2026-01-10T08:00:00Z',
			MessageBody: { Status: 'fail', JobId: 'j1', ErrorCode: 'E', ErrorMessage: 'm', MediaURL: 'https://x/y.mp4' },
		};
		const summary = summarizeEvent('ice', event);
		expect(summary).toMatchObject({
			jobKind: 'mediaProducing',
			jobId: 'j1',
			status: 'failed',
			rawStatus: 'fail',
			errorCode: 'E',
		});
		const later = summarizeEvent('ice', { ...event, EventTime: '2026-01-10T08:00:05Z' });
		expect(eventIdentity(later, 'other digest')).toBe(eventIdentity(summary, 'digest'));
	});

	it('a job event signed by the other product is not read as that job', () => {
		expect(
			summarizeEvent('ice', { EventType: 'WorkflowTaskComplete', TaskId: 't', Status: 'Succeed' }),
		).not.toHaveProperty('jobKind');
	});
});

describe('checkCallbackKeys (the credential’s Test)', () => {
	it('needs one key, at most 32 characters, the ICE AuthKey letters and digits; never echoes a key', () => {
		expect(checkCallbackKeys({})).toMatch(/Set the ICE AuthKey/);
		expect(checkCallbackKeys({ iceAuthKey: 'Abc123' })).toBeUndefined();
		expect(checkCallbackKeys({ vodPrivateKey: 'any-thing_goes' })).toBeUndefined();
		expect(checkCallbackKeys({ iceAuthKey: 'has-dash' })).toMatch(/letters and digits/);
		const long = checkCallbackKeys({ vodPrivateKey: 'k'.repeat(33) });
		expect(long).toMatch(/32/);
		expect(long).not.toContain('k'.repeat(33));
	});
});
