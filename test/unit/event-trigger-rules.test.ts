/**
 * The event trigger's pure rules: signature verdicts, the duplicate memory, event messages read from what n8n parsed,
 * and event messages read as jobs.
 */
import { createHash } from 'node:crypto';
import { parse as parseForm } from 'node:querystring';

import { eventMessage } from '../../nodes/AlibabaCloudMediaEventTrigger/eventMessage';
import { callbackKeysOf, checkCallbackKeys } from '../../nodes/AlibabaCloudMediaEventTrigger/keys';
import { claimEvent, MAX_SEEN } from '../../nodes/AlibabaCloudMediaEventTrigger/seenEvents';
import { verifySignature } from '../../nodes/AlibabaCloudMediaEventTrigger/signature';
import { eventIdentity, summarizeEvent } from '../../nodes/shared/jobs/jobEvents';

const URL = 'https://n8n.example.com/webhook/abc/webhook';
const KEYS = { ice: { current: 'IceKey1' }, vod: { current: 'vod-key' } };
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
		expect(call(ice)).toEqual({ accepted: true, product: 'ice', verifiedWith: 'current' });
		expect(call(vod)).toEqual({ accepted: true, product: 'vod', verifiedWith: 'current' });
	});

	it('during a key switch accepts the previous key too, and says which key verified the call', () => {
		const keys = { ice: { current: 'NewIceKey', previous: 'IceKey1' }, vod: { current: 'vod-key' } };
		const signed = (key: string) => ({
			'x-ice-timestamp': String(NOW),
			'x-ice-signature': md5(`${URL}|${NOW}|${key}`),
		});
		expect(call(signed('NewIceKey'), { keys })).toEqual({ accepted: true, product: 'ice', verifiedWith: 'current' });
		expect(call(signed('IceKey1'), { keys })).toEqual({ accepted: true, product: 'ice', verifiedWith: 'previous' });
		const other = call(signed('OlderIceKey'), { keys });
		expect(other).toMatchObject({ accepted: false, reason: 'x-ice-signature does not match' });
		expect(JSON.stringify(other)).not.toMatch(/NewIceKey|IceKey1/);
		// The previous key of one product does not verify the other's calls.
		const vodSignedWithOldIce = { 'x-vod-timestamp': String(NOW), 'x-vod-signature': md5(`${URL}|${NOW}|IceKey1`) };
		expect(call(vodSignedWithOldIce, { keys })).toMatchObject({ accepted: false });
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
		const verdict = call(headers, { keys: { ice: { current: '', previous: '' }, vod: { current: 'vod-key' } } });
		expect(verdict).toMatchObject({ accepted: false });
		expect(JSON.stringify(verdict)).not.toMatch(/IceKey1|vod-key/);
	});
});

describe('claimEvent (the duplicate memory)', () => {
	let scopes = 0;
	const memory = (staticData: object, nowSeconds: number, windowSeconds: number, scope = `scope-${scopes}`) => ({
		staticData: staticData as Record<string, any>,
		scope,
		nowSeconds,
		windowSeconds,
	});
	beforeEach(() => scopes++);

	it('remembers an event for the window, then forgets it; bounded to MAX_SEEN entries', () => {
		const state = {};
		expect(claimEvent(memory(state, NOW, 60), 'a')).toBe(true);
		expect(claimEvent(memory(state, NOW + 59, 60), 'a')).toBe(false);
		expect(claimEvent(memory(state, NOW + 60, 60), 'a')).toBe(true);
		for (let index = 0; index < MAX_SEEN + 10; index++)
			claimEvent(memory(state, NOW + 61 + index, 10_000), `e${index}`);
		expect(Object.keys((state as { seen: object }).seen)).toHaveLength(MAX_SEEN);
		expect(claimEvent(memory(state, NOW + 2000, 10_000), `e${MAX_SEEN + 9}`)).toBe(false);
		expect(claimEvent(memory(state, NOW + 2000, 10_000), 'e0')).toBe(true);
	});

	it('two deliveries that each read the static data before the other saved it: the second sees the first’s claim', () => {
		const saved = {};
		const first = structuredClone(saved);
		const second = structuredClone(saved);
		expect(claimEvent(memory(first, NOW, 60), 'x')).toBe(true);
		expect(claimEvent(memory(second, NOW, 60), 'x')).toBe(false);
		// Another event claimed from the stale copy keeps the first's entry, which n8n's later save would have dropped.
		const third = structuredClone(saved);
		expect(claimEvent(memory(third, NOW + 1, 60), 'y')).toBe(true);
		expect(Object.keys((third as { seen: object }).seen).sort()).toEqual(['x', 'y']);
	});

	it('claims are per workflow and node, and leave with the window', () => {
		expect(claimEvent(memory({}, NOW, 60, 'wf-1/Trigger'), 'x')).toBe(true);
		expect(claimEvent(memory({}, NOW, 60, 'wf-2/Trigger'), 'x')).toBe(true);
		expect(claimEvent(memory({}, NOW, 60, 'wf-1/Other'), 'x')).toBe(true);
		expect(claimEvent(memory({}, NOW + 59, 60, 'wf-1/Trigger'), 'x')).toBe(false);
		expect(claimEvent(memory({}, NOW + 60, 60, 'wf-1/Trigger'), 'x')).toBe(true);
	});

	it('a window of 0 keeps nothing: every delivery is claimed', () => {
		const state = {};
		expect(claimEvent(memory(state, NOW, 0), 'a')).toBe(true);
		expect(claimEvent(memory(state, NOW, 0), 'a')).toBe(true);
		expect(state).toEqual({ version: 1, seen: {} });
	});
});

describe('eventMessage (the body, whatever n8n parsed it into)', () => {
	const json = '{"EventType":"ProduceMediaComplete","MessageBody":{"MediaURL":"https://x/y.mp4?a=1&b=2","Tag":"a+b"}}';
	const event = JSON.parse(json);

	it('reads the bytes n8n kept, whatever it parsed; a byte-order mark is dropped', () => {
		const rawBody = Buffer.from(json);
		expect(eventMessage({ rawBody, body: event })).toEqual(event);
		expect(eventMessage({ rawBody, body: json })).toEqual(event);
		expect(eventMessage({ rawBody, body: parseForm(json) })).toEqual(event);
		expect(eventMessage({ rawBody })).toEqual(event);
		expect(eventMessage({ rawBody: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), rawBody]) })).toEqual(event);
	});

	it('without bytes: the parsed JSON, the text, or the form turned back into the text', () => {
		expect(eventMessage({ body: event })).toEqual(event);
		expect(eventMessage({ body: json })).toEqual(event);
		const plain = '{"EventType":"FileUploadComplete","MessageBody":{"MediaId":"m1"}}';
		expect(eventMessage({ body: parseForm(plain) })).toEqual(JSON.parse(plain));
		// `a=1&b=2` inside the JSON splits the form into several fields; they join back. (`+` reads as a space.)
		expect(eventMessage({ body: parseForm(json) })).toEqual({
			...event,
			MessageBody: { ...event.MessageBody, Tag: 'a b' },
		});
	});

	it.each([
		['no body', {}],
		['an empty body', { rawBody: Buffer.alloc(0), body: {} }],
		['not JSON', { rawBody: Buffer.from('EventType=ProduceMediaComplete') }],
		['JSON without EventType', { rawBody: Buffer.from('{"JobId":"j"}') }],
		['a JSON array', { rawBody: Buffer.from('[{"EventType":"x"}]') }],
	])('%s: none', (_label, request) => {
		expect(eventMessage(request)).toBeUndefined();
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
		expect(checkCallbackKeys({ iceAuthKey: 'has-dash' })).toMatch(/ICE AuthKey may contain only letters and digits/);
		const long = checkCallbackKeys({ vodPrivateKey: 'k'.repeat(33) });
		expect(long).toMatch(/32/);
		expect(long).not.toContain('k'.repeat(33));
	});

	it('checks the previous keys like the current ones, and only beside a current key', () => {
		expect(checkCallbackKeys({ iceAuthKey: 'NewKey1', previousIceAuthKey: 'OldKey1' })).toBeUndefined();
		expect(checkCallbackKeys({ vodPrivateKey: 'new-key', previousVodPrivateKey: 'old key!' })).toBeUndefined();
		expect(checkCallbackKeys({ iceAuthKey: 'NewKey1', previousIceAuthKey: 'old-key' })).toBe(
			'The Previous ICE AuthKey may contain only letters and digits',
		);
		const long = checkCallbackKeys({ vodPrivateKey: 'new', previousVodPrivateKey: 'p'.repeat(33) });
		expect(long).toMatch(/Previous VOD Private Key is longer than the 32/);
		expect(long).not.toContain('p'.repeat(33));
		expect(checkCallbackKeys({ vodPrivateKey: 'v', previousIceAuthKey: 'OldKey1' })).toMatch(
			/Previous ICE AuthKey is set but the ICE AuthKey is empty/,
		);
		expect(checkCallbackKeys({ previousIceAuthKey: 'OldKey1' })).toMatch(/Set the ICE AuthKey/);
	});

	it('the keys a call may be signed with, per product', () => {
		expect(
			callbackKeysOf({ iceAuthKey: 'New1', previousIceAuthKey: 'Old1', vodPrivateKey: 'v', previousVodPrivateKey: '' }),
		).toEqual({ ice: { current: 'New1', previous: 'Old1' }, vod: { current: 'v', previous: '' } });
	});
});
