/**
 * The editor check in a real browser: a real n8n 2.41 with the package installed from its `npm pack` tarball, the
 * emulator as the sandbox (one finished packaging job seeded) and an "Alibaba Cloud (sandbox)" credential pointing
 * at it, driven in Debian's Chromium by playwright-core, the way a user meets the package:
 *
 * sign in → new workflow → node panel, search "Alibaba" → every node of the package listed, with its icon →
 * each node added to the canvas: its parameter panel renders the expected fields, the sandbox credential, the icon,
 * and no "not installed" state → on the trigger, "Fetch Test Event" shows the seeded job.
 *
 * It also takes the README's pictures (docs/images/, see pictures.ts): the node panel searched for "Alibaba", the
 * trigger's finished item, example 2 imported from its file, its Submit node with Wait for Completion on, and the
 * credential form. Each is taken only once the page shows what the README's caption says, and rewritten only when
 * it differs materially from the committed one.
 *
 * Screenshots of every step: test-results/browser/ (a failing step adds `NN-FAILED-<step>.png` and names it).
 * Runs only under test/browser/jest.config.js; under the unit-test config it skips itself.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

import type { Browser, BrowserContext, Page, Response } from 'playwright-core';

import type { Emulator } from '../../tools/sandbox/emulator';
import { startEmulator } from '../../tools/sandbox/emulator';
import {
	alibabaCredential,
	N8n,
	packageTarball,
	PACKAGE_NAME,
	REPO_ROOT,
	smtpCredential,
} from '../../tools/sandbox/n8n';
import { ALIBABA_CREDENTIAL, examplePath, FILES, SMTP_CREDENTIAL } from '../support/examples';
import { type ExpectedNode, expectedNodes, launchChromium, Screenshots } from './browser';
import { boxAround, contains, takePicture, textBox } from './pictures';

declare const __N8N_BROWSER__: boolean | undefined;
const underBrowserConfig = typeof __N8N_BROWSER__ !== 'undefined' && __N8N_BROWSER__ === true;
const describeBrowser = underBrowserConfig ? describe : describe.skip;

const SEARCH = 'Alibaba';
/** The credential the examples name (so that example 2 finds it when imported). */
const CREDENTIAL_NAME = ALIBABA_CREDENTIAL.name;
/** Window height for the screenshots of the parameter panels: tall enough for the longest (Submit Live Editing Job). */
/** How long the node panel may take to list every expected node after a search. */
const LIST_SETTLED_MS = 10_000;
const PANEL_HEIGHT = 1700;
/** The node panel's picture: its top, this high (CSS pixels), cut after the last whole item. */
const NODE_PANEL_HEIGHT = 720;
const SEEDED_JOB_ID = '8f2d6c0a1b7e4e2f9a3c5d7e9b1f3a5c';
/** The window of the README's pictures, except where one needs more height. */
const WINDOW = { width: 1600, height: 1000 };
/** What n8n shows for a node type it does not know (2.x wording, and older ones). */
const UNKNOWN_NODE = /not currently installed|install this node|isn['’]t installed|unknown node|node is not known/i;

describeBrowser('the editor in a real browser: the package’s nodes in n8n 2.41', () => {
	let emulator: Emulator;
	let n8n: N8n | undefined;
	let browser: Browser | undefined;
	let context: BrowserContext;
	let page: Page;
	let nodes: ExpectedNode[] = [];
	let seededJobId = '';
	const shots = new Screenshots();
	const iconResponses: Array<{ url: string; status: number }> = [];

	beforeAll(async () => {
		emulator = await startEmulator({ clock: 'manual' });
		// a fixed job ID: the trigger's picture then changes only with the editor, not from run to run
		[seededJobId] = emulator.seedJobs({ kind: 'package', count: 1, status: 'Success', jobIds: [SEEDED_JOB_ID] });
		n8n = await N8n.create({ tarball: packageTarball(), name: 'browser-editor' });
		await n8n.importCredentials([
			alibabaCredential(emulator, ALIBABA_CREDENTIAL),
			// example 2's email node names it; nothing is sent in this check
			smtpCredential({ host: '127.0.0.1', port: 25 }, SMTP_CREDENTIAL),
		]);
		nodes = expectedNodes(join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME));
		await n8n.start();
		await n8n.setupOwnerAndLogin(); // creates the owner (the browser signs in by itself below)

		browser = await launchChromium();
		context = await browser.newContext({ viewport: WINDOW });
		context.setDefaultTimeout(30_000);
		page = await context.newPage();
		page.on('response', (response: Response) => {
			if (response.url().includes(`/icons/${PACKAGE_NAME}/`))
				iconResponses.push({ url: response.url(), status: response.status() });
		});
	}, 300_000);

	afterAll(async () => {
		await browser?.close();
		await n8n?.dispose();
		await emulator?.stop();
	}, 60_000);

	const step = <T>(name: string, run: () => Promise<T>) => shots.step(page, name, run);

	it('finds every node the package lists (package.json n8n.nodes), each an "Alibaba Cloud …" node', () => {
		const listed = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).n8n.nodes as string[]).map(
			(file) => basename(file, '.node.js'),
		);
		expect(nodes).toHaveLength(listed.length);
		expect(nodes.filter((node) => !node.displayName.startsWith('Alibaba Cloud '))).toEqual([]);
		expect(new Set(nodes.map((node) => node.displayName)).size).toBe(listed.length);
		expect(nodes.filter((node) => node.trigger).length).toBe(listed.filter((name) => name.endsWith('Trigger')).length);
	});

	it('signs in through the sign-in page', async () => {
		await step('sign-in', async () => {
			await page.goto(`${n8n!.url}/signin`);
			await page.locator('input[name="emailOrLdapLoginId"]').fill(n8n!.owner.email);
			await page.locator('input[name="password"]').fill(n8n!.owner.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((url) => !url.pathname.includes('/signin'), { timeout: 30_000 });
			const cookies = await context.cookies();
			if (!cookies.some((cookie) => cookie.name === 'n8n-auth')) throw new Error('no n8n-auth cookie after sign-in');
		});
	});

	/**
	 * Opens the node panel (the empty canvas's "Add first step" or the canvas's "+"), searches `term` ("Alibaba" by
	 * default) and returns the names listed once every node of `expected` (default: the package's first node) is
	 * among them, or once LIST_SETTLED_MS have passed: the panel fills its list in steps after the search.
	 */
	async function searchNodePanel(term = SEARCH, expected: ExpectedNode[] = nodes.slice(0, 1)): Promise<string[]> {
		const firstStep = page.getByTestId('canvas-plus-button');
		if (await firstStep.isVisible()) await firstStep.click();
		else await page.getByTestId('node-creator-plus-button').click();
		const search = page.getByTestId('node-creator-search-bar');
		await search.waitFor({ state: 'visible' });
		await search.fill(term);
		const names = page.getByTestId('node-creator').getByTestId('node-creator-item-name');
		await names.first().waitFor({ state: 'visible' });
		const deadline = Date.now() + LIST_SETTLED_MS;
		for (;;) {
			const listed = (await names.allTextContents()).map((name) => name.trim());
			if (!notListed(expected, listed).length || Date.now() > deadline) return listed;
			await page.waitForTimeout(250);
		}
	}

	/** The package's icons in a part of the page: each must be loaded (complete, naturalWidth > 0). */
	async function packageIcons(root: ReturnType<Page['locator']>) {
		return await root.locator(`img[src*="/icons/${PACKAGE_NAME}/"]`).evaluateAll((images) =>
			(
				images as unknown as Array<{
					complete: boolean;
					naturalWidth: number;
					getAttribute(name: string): string | null;
				}>
			).map((img) => ({
				src: img.getAttribute('src') ?? '',
				loaded: img.complete && img.naturalWidth > 0,
				naturalWidth: img.naturalWidth,
			})),
		);
	}

	/**
	 * The names the node panel may show for a node: its display name, and for a webhook trigger also without the
	 * " Trigger" ending (n8n's node panel lists "Alibaba Cloud Media Event Trigger" as "Alibaba Cloud Media Event").
	 */
	const panelNames = (node: ExpectedNode) =>
		node.trigger ? [node.displayName, node.displayName.replace(/ Trigger$/, '')] : [node.displayName];
	const notListed = (expected: ExpectedNode[], listed: string[]) =>
		expected.filter((node) => !panelNames(node).some((name) => listed.includes(name))).map((node) => node.displayName);

	it('lists every node of the package when the node panel is searched for "Alibaba", each with its icon', async () => {
		await step('node-panel-search', async () => {
			await page.goto(`${n8n!.url}/workflow/new`);
			await page.getByTestId('canvas-plus-button').waitFor({ state: 'visible', timeout: 60_000 });
			const listed = await searchNodePanel(SEARCH, nodes);
			const missing = notListed(nodes, listed);
			// every item of ours carries the package's icon, loaded
			// a node the panel offers several triggers of (the event trigger's events) is an "action item"
			const items = page
				.getByTestId('node-creator')
				.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]');
			const ours = items.filter({ hasText: 'Alibaba Cloud ' }).filter({
				has: page.locator(`img[src*="/icons/${PACKAGE_NAME}/"]`),
			});
			const icons = await packageIcons(page.getByTestId('node-creator'));
			// the whole list in one picture
			const shot = await shots.take(page, 'node-panel-search-alibaba', { height: 1900 });
			const problems = [
				...(missing.length ? [`not listed: ${missing.join(', ')} (listed: ${listed.join(' | ')})`] : []),
				...((await ours.count()) < nodes.length
					? [`only ${await ours.count()} of ${nodes.length} items show the package's icon`]
					: []),
				...icons.filter((icon) => !icon.loaded).map((icon) => `icon not loaded: ${icon.src}`),
			];
			if (problems.length)
				throw new Error(`${problems.join('\n')}\n(screenshot of the list: ${relative(REPO_ROOT, shot)})`);
			await pictureOfNodePanel(ours);
			await backToCanvas();
		});
	});

	/**
	 * docs/images/node-panel-search.png, in the usual window: the panel with "Alibaba" in its search field and the
	 * top of the list, every item in the picture one of the package's nodes with its icon loaded.
	 */
	async function pictureOfNodePanel(ours: ReturnType<Page['locator']>) {
		const creator = page.getByTestId('node-creator');
		await page.waitForTimeout(400); // the panel has settled into the usual window again
		const items = creator.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]');
		// the panel's header and search field, then whole items down to NODE_PANEL_HEIGHT
		const panel = await boxAround(page, [creator]);
		const bottoms = (await Promise.all((await items.all()).map(async (item) => await item.boundingBox())))
			.map((box) => (box ? box.y + box.height : Infinity))
			.filter((bottom) => bottom <= panel.y + NODE_PANEL_HEIGHT);
		const clip = { ...panel, height: Math.ceil(Math.max(...bottoms) + 8 - panel.y) };
		const shown: string[] = [];
		for (const item of await items.all()) {
			const box = await item.boundingBox();
			if (box && contains(clip, box)) shown.push((await item.getByTestId('node-creator-item-name').innerText()).trim());
		}
		const oursShown = (
			await Promise.all(
				(await ours.all()).map(async (item) => {
					const box = await item.boundingBox();
					return !!box && contains(clip, box);
				}),
			)
		).filter(Boolean).length;
		const problems = [
			...((await page.getByTestId('node-creator-search-bar').inputValue()) !== SEARCH
				? [`the search field does not say "${SEARCH}"`]
				: []),
			...(shown.length < 4 ? [`only ${shown.length} whole items in the picture: ${shown.join(', ')}`] : []),
			...shown.filter((name) => !name.startsWith('Alibaba Cloud ')).map((name) => `not a node of ours: "${name}"`),
			...(oursShown !== shown.length ? [`${shown.length - oursShown} items in the picture without our icon`] : []),
		];
		if (problems.length)
			throw new Error(`the node panel's picture would not show the package's nodes:\n${problems.join('\n')}`);
		await takePicture(page, 'node-panel-search', clip);
	}

	/**
	 * The words people search for, found through the codex files' `alias` (n8n's node panel searches the display
	 * name and `codex.alias`; none of these words is in a display name except "upload" in "Upload to OSS").
	 * Expected: every node of the package whose installed codex lists the word, and at least the nodes named here.
	 */
	const UPLOAD_NODE = /UploadToOss/i;
	const ALIAS_SEARCHES: Array<[string, (node: ExpectedNode) => boolean]> = [
		['HLS', (node) => /^AlibabaCloud(Submit|Get)PackageJob$/.test(node.className)],
		['video', (node) => /^AlibabaCloudSubmit(MediaProducing|VodWorkflow|PackageJob|LiveEditing)/.test(node.className)],
		// the Upload to OSS node comes with another branch: expected as soon as the package lists it
		['upload', (node) => UPLOAD_NODE.test(node.className)],
	];

	it.each(ALIAS_SEARCHES)('finds the right nodes when the node panel is searched for "%s"', async (term, named) => {
		await step(`node-panel-search-${term}`, async () => {
			await backToCanvas();
			const byAlias = nodes.filter((node) => node.aliases.some((alias) => alias.toLowerCase() === term.toLowerCase()));
			const expected = [...new Set([...nodes.filter(named), ...byAlias])];
			if (term !== 'upload') expect(expected.length).toBeGreaterThan(0);
			if (!expected.length) return; // no upload node in this package yet
			const listed = await searchNodePanel(term, expected);
			const shot = await shots.take(page, `node-panel-search-${term}`, { height: 1900 });
			const missing = notListed(expected, listed);
			await backToCanvas();
			if (missing.length)
				throw new Error(
					`searching "${term}" does not list ${missing.join(', ')} (listed: ${listed.join(' | ')})\n` +
						`(screenshot: ${relative(REPO_ROOT, shot)})`,
				);
		});
	});

	/** Closes whatever an earlier (maybe failed) step left open: a parameter panel, the node panel. */
	async function backToCanvas() {
		for (let attempt = 0; attempt < 4; attempt++) {
			const close = page.getByTestId('ndv-close-button');
			const closeCreator = page.getByRole('button', { name: 'Close Node Creator' });
			if (await close.isVisible()) await close.click();
			else if (await closeCreator.isVisible()) await closeCreator.click();
			else return;
			await page.waitForTimeout(300);
		}
	}

	/** Adds a node from the node panel (a community node: its details, then "Add to workflow"); its panel opens. */
	async function addNode(node: ExpectedNode) {
		await backToCanvas();
		await searchNodePanel();
		const creator = page.getByTestId('node-creator');
		await creator
			.getByTestId('node-creator-item-name')
			.filter({ hasText: new RegExp(`^\\s*(${panelNames(node).join('|')})\\s*$`) })
			.click();
		// A node with several triggers (the event trigger's events) opens its list of triggers ("On …") instead.
		const addButton = creator.getByRole('button', { name: 'Add to workflow' });
		const firstTrigger = creator.getByText(/^\s*On /).first();
		await addButton.or(firstTrigger).first().waitFor({ state: 'visible' });
		await ((await addButton.isVisible()) ? addButton : firstTrigger).click();
		await page.getByTestId('ndv').getByTestId('node-parameters').waitFor({ state: 'visible' });
	}

	/** Checks the open parameter panel against the node's description; throws with every difference found. */
	async function checkPanel(node: ExpectedNode, credentialName: string | null = CREDENTIAL_NAME) {
		const ndv = page.getByTestId('ndv');
		const params = ndv.getByTestId('node-parameters');
		await params.getByText(node.visibleLabels[0], { exact: true }).first().waitFor({ state: 'visible' });
		const problems: string[] = [];
		const title = (await ndv.getByTestId('node-title-container').textContent())?.trim() ?? '';
		if (!title.includes(node.defaultName)) problems.push(`panel title is "${title}", not "${node.defaultName}"`);
		for (const label of node.visibleLabels) {
			if (!(await params.getByText(label, { exact: true }).first().isVisible()))
				problems.push(`label "${label}" not shown`);
		}
		for (const name of node.visibleInputs) {
			if (!(await params.getByTestId(`parameter-input-${name}`).first().isVisible()))
				problems.push(`input of "${name}" (parameter-input-${name}) not shown`);
		}
		for (const label of node.hiddenLabels) {
			if (await params.getByText(label, { exact: true }).first().isVisible())
				problems.push(`label "${label}" shown although its display conditions are not met by the defaults`);
		}
		const credential = ndv.getByTestId('node-credentials-select');
		const credentialText = (await credential.isVisible())
			? `${await credential.textContent()} ${await credential
					.locator('input')
					.evaluateAll((inputs) =>
						(inputs as unknown as Array<{ value: string }>).map((input) => input.value).join(' '),
					)}`
			: '(no credential field)';
		if (credentialName !== null && !credentialText.includes(credentialName))
			problems.push(`credential field shows "${credentialText.trim()}", not "${credentialName}"`);
		const text = (await ndv.innerText()).replace(/\s+/g, ' ');
		if (UNKNOWN_NODE.test(text)) problems.push(`the panel says the node is unknown: "${UNKNOWN_NODE.exec(text)?.[0]}"`);
		const icons = await packageIcons(ndv);
		if (!icons.length) problems.push(`no icon of the package in the panel (img[src*="/icons/${PACKAGE_NAME}/"])`);
		if (!icons.every((icon) => icon.src.endsWith(`/dist/${node.iconPath}`)))
			problems.push(`panel icon is ${icons.map((icon) => icon.src).join(', ')}, not …/dist/${node.iconPath}`);
		for (const icon of icons.filter((image) => !image.loaded)) problems.push(`panel icon not loaded: ${icon.src}`);
		return problems;
	}

	async function closePanel() {
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('ndv').getByTestId('node-parameters').waitFor({ state: 'hidden' });
	}

	it('adds the trigger: its panel renders, and "Fetch Test Event" shows the finished job from the sandbox', async () => {
		const trigger = nodes.find((node) => node.trigger && /JobTrigger$/.test(node.className))!;
		await step('trigger-panel', async () => {
			await addNode(trigger);
			const problems = await checkPanel(trigger);
			const shot = await shots.take(page, `node-${trigger.defaultName}`, { height: PANEL_HEIGHT });
			if (problems.length) throw new Error(`${problems.join('\n')}\n(screenshot: ${relative(REPO_ROOT, shot)})`);
		});
		await step('trigger-fetch-test-event', async () => {
			emulator.clearRequests();
			const ndv = page.getByTestId('ndv');
			const button = ndv.getByTestId('node-execute-button');
			const label = (await button.textContent())?.trim();
			if (!/fetch test event/i.test(label ?? '')) throw new Error(`the trigger's button says "${label}"`);
			await button.click();
			const output = ndv.getByTestId('output-panel');
			await output.getByText(seededJobId).first().waitFor({ state: 'visible', timeout: 60_000 });
			const count = (await output.getByTestId('ndv-items-count').innerText()).trim();
			const table = (await output.getByTestId('ndv-data-container').innerText()).replace(/\s+/g, ' ');
			await shots.take(page, 'trigger-fetch-test-event');
			expect({ count, table }).toEqual({
				count: expect.stringMatching(/^1 item/),
				table: expect.stringMatching(new RegExp(`package ${seededJobId} succeeded true Success`)),
			});
			await pictureOfTriggerItem();
			// the sample came from the sandbox, signed with the credential's key
			const lists = emulator.requests.filter((request) => request.action === 'ListPackageJobs');
			expect(lists.length).toBeGreaterThan(0);
			expect(
				lists.every((request) => request.status === 200 && request.accessKeyId === emulator.credentials.accessKeyId),
			).toBe(true);
			await closePanel();
		});
	});

	/**
	 * docs/images/trigger-finished-item.png: the trigger's output in the JSON view, from its header down to the end
	 * of the one item, a finished job with status "succeeded".
	 */
	async function pictureOfTriggerItem() {
		const output = page.getByTestId('ndv').getByTestId('output-panel');
		await output.getByTestId('radio-button-json').click();
		const data = output.getByTestId('ndv-data-container');
		await data.getByText('"succeeded"').first().waitFor({ state: 'visible' });
		// the JSON view indents with no-break spaces and puts each token on a line of its own: JSON once they are spaces
		expect(JSON.parse((await data.innerText()).replace(/\u00a0/g, ' '))).toEqual([
			expect.objectContaining({ jobKind: 'package', jobId: seededJobId, status: 'succeeded', finished: true }),
		]);
		const clip = await boxAround(page, [output.getByTestId('run-data-pane-header')], 8, [await textBox(data)]);
		if (!contains(clip, (await data.getByText('"succeeded"').first().boundingBox())!))
			throw new Error('the picture of the trigger item would not show its status');
		await takePicture(page, 'trigger-finished-item', clip);
		await output.getByTestId('radio-button-table').click();
	}

	it('adds the event trigger: its panel renders (its callback keys are a credential of their own, not set up here)', async () => {
		const eventTrigger = nodes.find((node) => node.trigger && /EventTrigger$/.test(node.className))!;
		expect(eventTrigger).toBeDefined();
		await step('event-trigger-panel', async () => {
			await addNode(eventTrigger);
			const problems = await checkPanel(eventTrigger, null);
			const shot = await shots.take(page, `node-${eventTrigger.defaultName}`, { height: PANEL_HEIGHT });
			if (problems.length) throw new Error(`${problems.join('\n')}\n(screenshot: ${relative(REPO_ROOT, shot)})`);
			await closePanel();
		});
	});

	describe('adds each action node: its panel renders the expected fields', () => {
		// One test per action node of the package.json's list (the descriptions are read in beforeAll).
		const files: string[] = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).n8n.nodes;
		const classNames = files.map((file) => basename(file, '.node.js')).filter((name) => !name.endsWith('Trigger'));
		it.each(classNames)('%s', async (className) => {
			const node = nodes.find(
				(count) => count.type === `${PACKAGE_NAME}.${className[0].toLowerCase()}${className.slice(1)}`,
			);
			if (!node) throw new Error(`${className} is not among the installed package's nodes`);
			await step(`node-${node.defaultName}`, async () => {
				await addNode(node);
				const problems = await checkPanel(node);
				const shot = await shots.take(page, `node-${node.defaultName}`, { height: PANEL_HEIGHT });
				if (problems.length)
					throw new Error(`${node.displayName}:\n${problems.join('\n')}\n(screenshot: ${relative(REPO_ROOT, shot)})`);
				await closePanel();
			});
		});
	});

	it('shows every node on the canvas with its icon, and every icon request answered 200', async () => {
		await step('canvas', async () => {
			await backToCanvas();
			// n8n stacks nodes added from the panel on top of each other: tidy up (n8n's own layout), then fit
			await page.getByTestId('tidy-up-button').click();
			await page.getByTestId('zoom-to-fit').click();
			await page.waitForTimeout(800);
			const canvasNodes = page.getByTestId('canvas-wrapper').getByTestId('canvas-node');
			const count = await canvasNodes.count();
			const icons = await packageIcons(page.getByTestId('canvas-wrapper'));
			const text = (await page.getByTestId('canvas-wrapper').innerText()).replace(/\s+/g, ' ');
			await shots.take(page, 'canvas-all-nodes');
			expect({
				count,
				icons: icons.length,
				notLoaded: icons.filter((icon) => !icon.loaded).map((icon) => icon.src),
				names: nodes.map((node) => node.defaultName).filter((name) => !text.includes(name)),
			}).toEqual({ count: nodes.length, icons: nodes.length, notLoaded: [], names: [] });
			expect(iconResponses.length).toBeGreaterThan(0);
			expect(iconResponses.filter((response) => response.status !== 200)).toEqual([]);
		});
	});

	describe('the README’s first workflow and credential, in pictures (docs/images/)', () => {
		const EXAMPLE_2_NODES = ['Start', 'Submit Media Producing Job', 'Email ops'];
		const SUBMIT = 'Submit Media Producing Job';

		/** A page of its own: the one above holds an unsaved workflow, which n8n would ask about before leaving. */
		beforeAll(async () => {
			page = await context.newPage();
		});

		it('imports example 2 from its file (⋯ → Import → From File): every node on the canvas, connected', async () => {
			await step('example-2-canvas', async () => {
				await page.goto(`${n8n!.url}/workflow/new`);
				await page.getByTestId('canvas-plus-button').waitFor({ state: 'visible', timeout: 60_000 });
				await page.getByTestId('workflow-menu').click();
				await page.getByTestId('workflow-menu-item-import').hover();
				const [chooser] = await Promise.all([
					page.waitForEvent('filechooser'),
					page.getByTestId('workflow-menu-item-import-from-file').click(),
				]);
				await chooser.setFiles(examplePath(FILES.produce));
				const canvas = page.getByTestId('canvas-wrapper');
				const canvasNodes = canvas.getByTestId('canvas-node');
				await canvasNodes.filter({ hasText: SUBMIT }).waitFor({ state: 'visible' });
				await page.getByTestId('zoom-to-fit').click();
				await page.waitForTimeout(800);
				await page.keyboard.press('Escape'); // the imported nodes come selected
				await page.mouse.click(60, WINDOW.height / 2);
				const names = (await canvasNodes.evaluateAll((nodes) =>
					nodes.map((node) =>
						(node as unknown as { getAttribute(name: string): string }).getAttribute('data-node-name'),
					),
				)) as string[];
				const sticky = canvas.getByTestId('sticky');
				const labels = EXAMPLE_2_NODES.map((name) => canvas.getByText(name, { exact: true }).first());
				// a node's name and subtitle are drawn below its box: the text's own boxes reach them
				const texts = await Promise.all((await canvasNodes.all()).map(async (node) => await textBox(node)));
				const clip = await boxAround(page, [sticky, ...(await canvasNodes.all())], 24, texts);
				const icons = await packageIcons(canvasNodes.filter({ hasText: SUBMIT }));
				const inPicture = await Promise.all(
					[sticky, ...labels].map(async (part) => contains(clip, (await part.boundingBox())!)),
				);
				expect({
					names: names.sort(),
					edges: await canvas.getByTestId('edge').count(),
					submitIcon: icons.map((icon) => icon.loaded),
					issues: await canvas.locator('[data-test-id="node-issues"]').count(),
					inPicture,
				}).toEqual({
					names: [...EXAMPLE_2_NODES].sort(),
					edges: EXAMPLE_2_NODES.length - 1,
					submitIcon: [true],
					issues: 0,
					inPicture: inPicture.map(() => true),
				});
				await takePicture(page, 'example-2-canvas', clip);
			});
		});

		it('opens its Submit Media Producing Job: the sandbox credential, the timeline, Wait for Completion on, every 5 s', async () => {
			await step('submit-wait-for-completion', async () => {
				// tall enough for the whole panel, down to Give Up After, without scrolling
				await page.setViewportSize({ width: WINDOW.width, height: 1500 });
				await page.getByTestId('canvas-node').filter({ hasText: SUBMIT }).dblclick();
				const ndv = page.getByTestId('ndv');
				const params = ndv.getByTestId('node-parameters');
				await params.getByTestId('parameter-input-maxWaitMinutes').waitFor({ state: 'visible' });
				await page.waitForTimeout(800); // the timeline's code editor lays out its lines
				const parts = {
					credential: ndv.getByTestId('node-credentials-select'),
					timeline: params.getByTestId('parameter-input-timeline'),
					outputMediaUrl: params.getByTestId('parameter-input-outputMediaUrl'),
					waitForCompletion: params.getByTestId('parameter-input-waitForCompletion'),
					pollIntervalSeconds: params.getByTestId('parameter-input-pollIntervalSeconds'),
					maxWaitMinutes: params.getByTestId('parameter-input-maxWaitMinutes'),
				};
				// the middle of the panel: its tabs at the top, down to the last field of Wait for Completion
				const clip = await boxAround(page, [ndv.getByTestId('tab-params'), params, parts.maxWaitMinutes], 0);
				clip.y -= 8;
				const lastField = (await parts.maxWaitMinutes.boundingBox())!;
				clip.height = Math.ceil(lastField.y + lastField.height + 12 - clip.y);
				const inPicture: Record<string, boolean> = {};
				for (const [name, part] of Object.entries(parts)) inPicture[name] = contains(clip, (await part.boundingBox())!);
				expect({
					title: (await ndv.getByTestId('node-title-container').innerText()).trim(),
					credential: await parts.credential.locator('input').first().inputValue(),
					waitForCompletion: await parts.waitForCompletion.getByRole('switch').getAttribute('aria-checked'),
					checkEvery: await parts.pollIntervalSeconds.locator('input').first().inputValue(),
					inPicture,
				}).toEqual({
					title: SUBMIT,
					credential: CREDENTIAL_NAME,
					waitForCompletion: 'true',
					checkEvery: '5',
					inPicture: Object.fromEntries(Object.keys(parts).map((name) => [name, true])),
				});
				await takePicture(page, 'submit-wait-for-completion', clip);
				await closePanel();
				await page.setViewportSize(WINDOW);
			});
		});

		it('opens a new Alibaba Cloud API credential (Credentials → Create credential): the fields the README lists', async () => {
			await step('credential-form', async () => {
				// a narrower window: the form is as wide as a share of it, its fields stay readable
				await page.setViewportSize({ width: 1280, height: 1000 });
				await page.goto(`${n8n!.url}/home/credentials`);
				await page.getByTestId('add-resource-credential').click();
				await page.getByRole('combobox', { name: 'Search for app...' }).fill('Alibaba Cloud API');
				await page
					.getByTestId('new-credential-type-select-option')
					.filter({ hasText: /^\s*Alibaba Cloud API\s*$/ })
					.click();
				await page.getByTestId('new-credential-type-button').click();
				const modal = page.getByTestId('editCredential-modal');
				const fields = modal.getByTestId('credential-connection-parameter');
				await fields.first().waitFor({ state: 'visible' });
				await page.waitForTimeout(600); // the modal's opening animation
				const clip = await boxAround(page, [modal]);
				// what the README's table explains, in its order; the last one is below the fold of the form
				const shown = [
					'AccessKey ID',
					'AccessKey Secret',
					'STS Security Token',
					'Region',
					'ICE Endpoint',
					'VOD Endpoint',
				];
				const inPicture: Record<string, boolean> = {};
				for (const label of shown) {
					const field = fields.filter({ hasText: label }).first();
					inPicture[label] = (await field.isVisible()) && contains(clip, (await field.boundingBox())!);
				}
				const labels = (await fields.allInnerTexts()).map((text) =>
					text
						.split('\n')[0]
						.replace(/\s*\*$/, '')
						.trim(),
				);
				expect({
					type: (await modal.innerText()).includes('Alibaba Cloud API'),
					labels: labels.slice(0, shown.length + 1),
					inPicture,
				}).toEqual({
					type: true,
					labels: [...shown, 'Processes Sharing the Quota'],
					inPicture: Object.fromEntries(shown.map((label) => [label, true])),
				});
				await takePicture(page, 'credential-form', clip);
				await page.keyboard.press('Escape');
				await page.setViewportSize(WINDOW);
			});
		});
	});
});
