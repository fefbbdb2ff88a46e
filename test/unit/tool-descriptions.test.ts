/**
 * Every action node listed in package.json `n8n.nodes` can be an AI Agent's tool (`usableAsTool`; n8n 2.41 offers
 * any community node that sets it, with no setting to turn on), and its description, which n8n uses as the tool's
 * default description for the model, says what the tool does and what it returns. Triggers are never tools.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const nodeFiles: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).n8n.nodes;

interface Description {
	description: string;
	usableAsTool?: unknown;
	polling?: boolean;
	group: string[];
}

function descriptionOf(file: string): Description {
	const source = join(ROOT, 'nodes', basename(dirname(file)), basename(file).replace(/\.js$/, '.ts'));
	const exports = require(source) as Record<string, unknown>;
	const NodeClass = Object.values(exports).find((value) => typeof value === 'function') as new () => {
		description: Description;
	};
	return new NodeClass().description;
}

const nodes = nodeFiles.map((file) => [basename(file, '.node.js'), descriptionOf(file)] as const);
const isTrigger = (description: Description) => description.polling === true || description.group.includes('trigger');
const actions = nodes.filter(([, description]) => !isTrigger(description));

it('finds action nodes in package.json', () => {
	expect(actions.length).toBeGreaterThan(0);
});

describe.each(actions)('%s as an AI tool', (_name, description) => {
	it('is usable as a tool', () => {
		expect(description.usableAsTool).toBe(true);
	});

	it('says what it does (an imperative first sentence, naming Alibaba Cloud) and what it returns', () => {
		expect(description.description).toMatch(/^[A-Z][a-z]+ /);
		expect(description.description).toMatch(/Alibaba Cloud/);
		expect(description.description).toMatch(/\b(returns|outputs)\b/i);
		expect(description.description).toMatch(/\.$/);
	});
});

it.each(nodes.filter(([, description]) => isTrigger(description)))(
	'%s (a trigger) is not a tool',
	(_name, description) => {
		expect(description.usableAsTool).toBeUndefined();
	},
);
