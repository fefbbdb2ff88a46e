/**
 * Helpers of the editor check (editor.e2e.test.ts): Debian's Chromium driven by playwright-core, screenshots under
 * test-results/browser/, and what the editor should show for each node of the package, read from the package's own
 * node descriptions as n8n installed them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { REPO_ROOT } from '../../tools/sandbox/n8n';

const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'browser');

/** Chromium's flags for this machine: headless, as root, and no connections of its own (the network is closed). */
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
];

/** CHROMIUM_PATH, else Debian's chromium (`apt-get install -y chromium`). */
export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
		(path): path is string => !!path,
	);
	const found = candidates.find((path) => existsSync(path));
	if (!found) {
		throw new Error(
			`No Chromium found (looked at ${candidates.join(', ')}). Install Debian's: \`apt-get install -y chromium\`, ` +
				'or set CHROMIUM_PATH. (Playwright’s own browser download does not work on these machines.)',
		);
	}
	return found;
}

export async function launchChromium(): Promise<Browser> {
	// Loaded here, not at the top: the unit-test config also collects this folder and only needs to skip it.
	const playwright = require('playwright-core') as typeof import('playwright-core');
	// n8n's editor marks its elements with data-test-id (Playwright's default is data-testid)
	playwright.selectors.setTestIdAttribute('data-test-id');
	return await playwright.chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** Screenshots numbered in the order taken: test-results/browser/NN-<name>.png. Returns the path. */
export class Screenshots {
	private count = 0;

	constructor(readonly dir = SCREENSHOT_DIR) {
		mkdirSync(dir, { recursive: true });
	}

	/** `height`: take it with the window this tall (the editor's panels grow with it), then restore the size. */
	async take(page: Page, name: string, options: { height?: number } = {}): Promise<string> {
		this.count += 1;
		const file = join(
			this.dir,
			`${String(this.count).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9_.-]+/g, '-').toLowerCase()}.png`,
		);
		const size = page.viewportSize();
		if (options.height && size) {
			await page.setViewportSize({ width: size.width, height: options.height });
			await page.waitForTimeout(400);
		}
		try {
			await page.screenshot({ path: file, timeout: 15_000 });
		} finally {
			if (options.height && size) await page.setViewportSize(size);
		}
		return file;
	}

	/**
	 * Runs a step; if it fails, takes a screenshot (`NN-FAILED-<name>.png`) and fails with its path in the message
	 * (unless the failure already names the screenshot its check took).
	 */
	async step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
		try {
			return await run();
		} catch (error) {
			const cause = error as Error;
			// a check that already saved its own screenshot names it in its message
			if (/\(screenshot: [^)]+\.png\)/.test(cause.message ?? '')) {
				cause.message = `${name}: ${cause.message}\nPage: ${page.url()}`;
				throw cause;
			}
			let shot: string;
			try {
				shot = relative(REPO_ROOT, await this.take(page, `FAILED-${name}`));
			} catch (screenshotError) {
				shot = `(no screenshot: ${(screenshotError as Error).message.split('\n')[0]})`;
			}
			cause.message = `${name}: ${cause.message}\n\nScreenshot: ${shot}\nPage: ${page.url()}`;
			throw cause;
		}
	}
}

// ---- what the editor should show -------------------------------------------------------------------------------

interface Property {
	displayName: string;
	name: string;
	type: string;
	default?: unknown;
	displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
}

export interface ExpectedNode {
	/** `<package>.<name>` */
	type: string;
	displayName: string;
	/** The node's default name on the canvas (and the NDV title). */
	defaultName: string;
	trigger: boolean;
	/** Labels of the parameters shown with default values (n8n's own "Poll Times" of a polling trigger included). */
	visibleLabels: string[];
	/** Top-level parameter names shown with default values, for `parameter-input-<name>` (simple inputs only). */
	visibleInputs: string[];
	/** Labels of parameters hidden with default values (and not also the label of a shown one). */
	hiddenLabels: string[];
	/** The icon file of the light theme, e.g. `icons/alibabaCloud.svg` (relative to the package's dist). */
	iconPath: string;
	/** The class name, e.g. `AlibabaCloudSubmitPackageJob` (the file name of the node). */
	className: string;
	/** The search words of its codex file (`<Node>.node.json` as installed; none when it has no codex). */
	aliases: string[];
}

/** A parameter is shown when every `show` condition holds and no `hide` condition does, for the defaults. */
function shownByDefault(property: Property, defaults: Record<string, unknown>): boolean {
	const { show, hide } = property.displayOptions ?? {};
	const holds = (key: string, values: unknown[]) => key in defaults && values.includes(defaults[key]);
	if (show && !Object.entries(show).every(([key, values]) => holds(key, values))) return false;
	if (hide && Object.entries(hide).some(([key, values]) => holds(key, values))) return false;
	return true;
}

const SIMPLE_INPUTS = new Set(['string', 'number', 'boolean', 'options', 'multiOptions', 'json', 'dateTime']);

/** Reads every node of the installed package (package.json `n8n.nodes`) and derives what its panel should show. */
export function expectedNodes(packageDir: string): ExpectedNode[] {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	return (manifest.n8n.nodes as string[]).map((file) => {
		const exports = require(join(packageDir, file)) as Record<string, unknown>;
		const NodeClass = Object.values(exports).find((value) => typeof value === 'function') as new () => {
			description: {
				name: string;
				displayName: string;
				defaults: { name: string };
				polling?: boolean;
				group: string[];
				icon: string | { light: string; dark: string };
				properties: Property[];
			};
		};
		const { description } = new NodeClass();
		const properties = description.properties;
		const defaults = Object.fromEntries(properties.map((property) => [property.name, property.default]));
		const shown = properties.filter((part) => shownByDefault(part, defaults));
		const shownLabels = new Set(shown.map((property) => property.displayName));
		const trigger = description.polling === true || description.group.includes('trigger');
		const icon = typeof description.icon === 'string' ? description.icon : description.icon.light;
		// file:../../icons/x.svg relative to dist/nodes/<Node>/ → icons/x.svg relative to dist/
		const iconPath = join('nodes', 'X', icon.replace(/^file:/, '')).replace(/\\/g, '/');
		const codexFile = join(packageDir, file.replace(/\.js$/, '.json'));
		const aliases: string[] = existsSync(codexFile) ? (JSON.parse(readFileSync(codexFile, 'utf8')).alias ?? []) : [];
		return {
			type: `${manifest.name}.${description.name}`,
			displayName: description.displayName,
			defaultName: description.defaults.name,
			trigger,
			visibleLabels: [...(description.polling ? ['Poll Times'] : []), ...shownLabels],
			visibleInputs: shown.filter((property) => SIMPLE_INPUTS.has(property.type)).map((property) => property.name),
			hiddenLabels: [
				...new Set(
					properties
						.filter((property) => !shownLabels.has(property.displayName))
						.map((property) => property.displayName),
				),
			],
			iconPath,
			className: basename(file, '.node.js'),
			aliases,
		};
	});
}
