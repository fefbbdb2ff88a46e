/** The input checks of helpers/validation.ts, from source: what each returns, and the message it refuses with. */
import {
	asciiText,
	httpUrl,
	integerInRange,
	InvalidFieldError,
	jsonObject,
	maxUtf8Bytes,
	ossObjectUrl,
	requireOneOf,
	requireText,
	utcSeconds,
} from '../../nodes/shared/helpers/validation';

const accepted: Array<[string, () => unknown, unknown]> = [
	['requireText trims', () => requireText(' a ', 'F'), 'a'],
	['requireText takes a number as text', () => requireText(5, 'F'), '5'],
	['integerInRange takes a numeric string', () => integerInRange('7', 'F', 1, 10), 7],
	['ossObjectUrl', () => ossObjectUrl('oss://b/k.mp4', 'F'), 'oss://b/k.mp4'],
	['httpUrl', () => httpUrl('https://x.y/z', 'F'), 'https://x.y/z'],
	['maxUtf8Bytes counts bytes (é is two)', () => maxUtf8Bytes('ééé', 'F', 6), 'ééé'],
	['jsonObject parses an object', () => jsonObject('{"a":1}', 'F'), { a: 1 }],
	['utcSeconds cuts milliseconds', () => utcSeconds('2021-06-21T08:01:00.123Z', 'F'), '2021-06-21T08:01:00Z'],
	['asciiText at its length', () => asciiText('abc', 'F', 3), 'abc'],
	['requireOneOf', () => requireOneOf('OSS', 'F', ['OSS', 'Media']), 'OSS'],
];

const refused: Array<[string, () => unknown, string]> = [
	['requireText empty', () => requireText('', 'F'), 'F is required but empty'],
	['integerInRange fraction', () => integerInRange(1.5, 'F', 1, 10), 'F must be a whole number from 1 to 10 (got 1.5)'],
	['integerInRange above', () => integerInRange(11, 'F', 1, 10), 'F must be a whole number from 1 to 10 (got 11)'],
	[
		'ossObjectUrl plain http host',
		() => ossObjectUrl('http://x', 'F'),
		'F must be an OSS object as oss://bucket/path/file or an http(s):// URL of the object (got "http://x")',
	],
	['httpUrl ftp', () => httpUrl('ftp://x', 'F'), 'F must be an http(s):// URL (got "ftp://x")'],
	['maxUtf8Bytes over', () => maxUtf8Bytes('éééé', 'F', 6), 'F must be at most 6 bytes (got 8 bytes)'],
	['jsonObject array', () => jsonObject('[1]', 'F'), 'F must be a JSON object like {"key": "value"} (got [1])'],
	[
		'utcSeconds with an offset',
		() => utcSeconds('2021-06-21T08:01:00+08:00', 'F'),
		'F must be in UTC, ending in Z (got "2021-06-21T08:01:00+08:00"); in an expression add .toUTC(), e.g. {{ $now.toUTC().toISO() }}',
	],
	['asciiText too long', () => asciiText('abcd', 'F', 3), 'F must be at most 3 characters (got 4)'],
	['requireOneOf other', () => requireOneOf('S3', 'F', ['OSS', 'Media']), 'F must be one of OSS, Media (got "S3")'],
];

describe('validation helpers', () => {
	it.each(accepted)('%s', (_name, check, expected) => {
		expect(check()).toEqual(expected);
	});

	it.each(refused)('refuses: %s', (_name, check, message) => {
		expect(check).toThrow(InvalidFieldError);
		expect(check).toThrow(message);
	});
});
