/** Keyset pagination over jobs sorted by creation time, with opaque tokens bound to the sort order. */
import { invalidParameter } from '../errors';
import type { Job } from '../jobs';

interface Cursor {
	t: number;
	s: number;
	d: 'asc' | 'desc';
}

/**
 * Real page tokens are standard base64 and can hold `+`, `/` and `=`; every token here does, so a client that
 * forgets to URL-encode them is caught. The fixed prefix bytes encode to `++//` and the cursor text is padded
 * so that the encoding always ends with `=`.
 */
const TOKEN_PREFIX = Buffer.from([0xfb, 0xef, 0xff]);

function encode(value: object): string {
	let text = JSON.stringify(value);
	while ((TOKEN_PREFIX.length + Buffer.byteLength(text)) % 3 === 0) text += ' ';
	return Buffer.concat([TOKEN_PREFIX, Buffer.from(text)]).toString('base64');
}

function decode(token: string): unknown {
	try {
		const bytes = Buffer.from(token, 'base64');
		// Buffer.from ignores characters outside the alphabet; a token mangled in transit (`+` read as a space) must not pass.
		if (bytes.toString('base64') === token && bytes.subarray(0, TOKEN_PREFIX.length).equals(TOKEN_PREFIX))
			return JSON.parse(bytes.subarray(TOKEN_PREFIX.length).toString('utf8'));
	} catch {
		// fall through
	}
	return undefined;
}

const invalidToken = (name: string) => invalidParameter(name, 'The token is invalid or does not belong to this query.');

function encodeToken(job: Job, direction: 'asc' | 'desc'): string {
	return encode({ t: job.createdAt, s: job.seq, d: direction } satisfies Cursor);
}

function decodeToken(name: string, token: string, direction: 'asc' | 'desc'): Cursor {
	const cursor = decode(token) as Cursor | undefined;
	if (typeof cursor?.t === 'number' && typeof cursor.s === 'number' && cursor.d === direction) return cursor;
	throw invalidToken(name);
}

/** A token for the next page of a fixed list (a job's moderation timeline): the position it starts at. */
export const encodeOffset = (offset: number): string => encode({ o: offset });

export function decodeOffset(name: string, token: string | undefined): number {
	if (token === undefined) return 0;
	const offset = (decode(token) as { o?: unknown } | undefined)?.o;
	if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
	throw invalidToken(name);
}

/**
 * `jobs` must be sorted by (createdAt, seq) ascending. The next token is given only when another
 * matching job exists, so a result that exactly fills a page ends without a token.
 */
export function paginate(
	jobs: Job[],
	options: {
		direction: 'asc' | 'desc';
		pageSize: number;
		token?: string;
		tokenName: string;
		matches: (job: Job) => boolean;
	},
): { page: Job[]; nextToken?: string } {
	const { direction, pageSize } = options;
	const cursor = options.token ? decodeToken(options.tokenName, options.token, direction) : undefined;
	const after = (job: Job): boolean => {
		if (!cursor) return true;
		const cmp = job.createdAt - cursor.t || job.seq - cursor.s;
		return direction === 'asc' ? cmp > 0 : cmp < 0;
	};
	const page: Job[] = [];
	const count = jobs.length;
	for (let index = 0; index < count; index++) {
		const job = jobs[direction === 'asc' ? index : count - 1 - index];
		if (!after(job) || !options.matches(job)) continue;
		if (page.length === pageSize) return { page, nextToken: encodeToken(page[page.length - 1], direction) };
		page.push(job);
	}
	return { page };
}
