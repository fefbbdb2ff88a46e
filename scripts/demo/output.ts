/** What the demo prints: numbered steps with their time, indented details, and the error that stops it. */
import { relative } from 'node:path';

export const started = Date.now();
export const timings: Array<[string, number]> = [];
export const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
export const say = (line = '') => process.stdout.write(`${line}\n`);
export const detail = (line: string) => say(`      ${line}`);
let stepNumber = 0;
const STEPS = 6;

export async function step<T>(title: string, body: () => Promise<T> | T): Promise<T> {
	stepNumber += 1;
	say();
	say(`[${stepNumber}/${STEPS}] ${title}`);
	const begin = Date.now();
	const result = await body();
	const took = Date.now() - begin;
	timings.push([title, took]);
	detail(`done in ${seconds(took)}`);
	return result;
}

export class DemoError extends Error {}

export function fail(message: string): never {
	throw new DemoError(message);
}

export function rel(path: string): string {
	return relative(process.cwd(), path) || '.';
}
