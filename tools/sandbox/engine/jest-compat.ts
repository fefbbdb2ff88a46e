/**
 * Jest cannot `require` ES modules (Jest 29's own module loader), but Node ≥ 20.19 can. One base node we
 * use, Send Email (n8n-nodes-base.emailSend, via its Form/"send and wait" utilities), requires
 * `sanitize-html`, which requires the ESM-only `htmlparser2@12`; under Jest that file fails to parse.
 *
 * Under Jest only, this hands Jest the REAL `sanitize-html`, loaded by Node's own loader (it does not
 * touch n8n-workflow/n8n-core, so no duplicate instances arise). Nothing is stubbed. A Jest config change
 * (e.g. `moduleNameMapper` or transforming that package) would also do, but would not follow the harness
 * into the scripts that run it under tsx.
 */
import type { createRequire as CreateRequire } from 'node:module';

declare const jest: { doMock(name: string, factory: () => unknown): void } | undefined;

if (typeof jest !== 'undefined') {
	// Jest replaces `require('node:module').createRequire` with its own loader; get Node's real one.
	const { createRequire } = process.getBuiltinModule('node:module') as { createRequire: typeof CreateRequire };
	const nativeRequire = createRequire(__filename);
	for (const name of ['sanitize-html']) {
		jest.doMock(name, () => nativeRequire(name));
	}
}
