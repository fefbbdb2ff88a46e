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

function encodeToken(job: Job, direction: 'asc' | 'desc'): string {
	const cursor: Cursor = { t: job.createdAt, s: job.seq, d: direction };
	let text = JSON.stringify(cursor);
	while ((TOKEN_PREFIX.length + Buffer.byteLength(text)) % 3 === 0) text += ' ';
	return Buffer.concat([TOKEN_PREFIX, Buffer.from(text)]).toString('base64');
}

function decodeToken(name: string, token: string, direction: 'asc' | 'desc'): Cursor {
	try {
		const bytes = Buffer.from(token, 'base64');
		// Buffer.from ignores characters outside the alphabet; a token mangled in transit (`+` read as a space) must not pass.
		if (bytes.toString('base64') === token && bytes.subarray(0, TOKEN_PREFIX.length).equals(TOKEN_PREFIX)) {
			const char = JSON.parse(bytes.subarray(TOKEN_PREFIX.length).toString('utf8')) as Cursor;
			if (typeof char.t === 'number' && typeof char.s === 'number' && char.d === direction) return char;
		}
	} catch {
		// fall through
	}
	throw invalidParameter(name, 'The token is invalid or does not belong to this query.');
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
