/** Keyset pagination over jobs sorted by creation time, with opaque tokens bound to the sort order. */
import { invalidParameter } from '../errors';
import { Job } from '../jobs';

interface Cursor {
	t: number;
	s: number;
	d: 'asc' | 'desc';
}

export function encodeToken(job: Job, direction: 'asc' | 'desc'): string {
	const cursor: Cursor = { t: job.createdAt, s: job.seq, d: direction };
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeToken(name: string, token: string, direction: 'asc' | 'desc'): Cursor {
	try {
		const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;
		if (typeof c.t === 'number' && typeof c.s === 'number' && c.d === direction) return c;
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
	const n = jobs.length;
	for (let i = 0; i < n; i++) {
		const job = jobs[direction === 'asc' ? i : n - 1 - i];
		if (!after(job) || !options.matches(job)) continue;
		if (page.length === pageSize) return { page, nextToken: encodeToken(page[page.length - 1], direction) };
		page.push(job);
	}
	return { page };
}
