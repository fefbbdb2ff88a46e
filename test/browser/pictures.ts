/**
 * The README's pictures (docs/images/*.png), taken by the editor check in the real n8n: each cropped to the part of
 * the page it shows, and written only when it differs materially from the one already there (pngDifference), so
 * that a rerun leaves git clean unless the editor really changed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { REPO_ROOT } from '../../tools/sandbox/n8n';
import { differsMaterially } from '../support/pngDifference';

export const PICTURES_DIR = join(REPO_ROOT, 'docs', 'images');

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * The smallest box around every part (and every box of `more`), `padding` pixels larger on each side, cut to the
 * viewport (whole pixels).
 */
export async function boxAround(page: Page, parts: Locator[], padding = 0, more: Box[] = []): Promise<Box> {
	const boxes: Box[] = [...more];
	for (const part of parts) {
		const box = await part.boundingBox();
		if (!box) throw new Error(`nothing to take a picture of: ${part} is not shown`);
		boxes.push(box);
	}
	const viewport = page.viewportSize() ?? { width: Infinity, height: Infinity };
	const left = Math.max(0, Math.floor(Math.min(...boxes.map((box) => box.x)) - padding));
	const top = Math.max(0, Math.floor(Math.min(...boxes.map((box) => box.y)) - padding));
	const right = Math.min(viewport.width, Math.ceil(Math.max(...boxes.map((box) => box.x + box.width)) + padding));
	const bottom = Math.min(viewport.height, Math.ceil(Math.max(...boxes.map((box) => box.y + box.height)) + padding));
	return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The box around the text shown inside `part` (its elements that hold text of their own), not the part's own box,
 * which may reach far below its last line.
 */
export async function textBox(part: Locator): Promise<Box> {
	const box = await part.evaluate((root) => {
		const top = root as unknown as TextElement;
		const edges = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
		for (const element of [top, ...Array.from(top.querySelectorAll('*'))]) {
			const ownText = Array.from(element.childNodes).some((child) => child.nodeType === 3 && child.textContent?.trim());
			const rect = element.getBoundingClientRect();
			if (!ownText || rect.width === 0) continue;
			edges.left = Math.min(edges.left, rect.left);
			edges.top = Math.min(edges.top, rect.top);
			edges.right = Math.max(edges.right, rect.right);
			edges.bottom = Math.max(edges.bottom, rect.bottom);
		}
		return edges;
	});
	if (box.left === Infinity) throw new Error(`no text shown in ${part}`);
	return { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top };
}

/** What textBox reads of an element in the page (the tooling compiles without the DOM's types). */
interface TextElement {
	childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
	getBoundingClientRect(): { left: number; top: number; right: number; bottom: number; width: number };
	querySelectorAll(selector: string): ArrayLike<TextElement>;
}

/** Whether `inner` lies within `outer` (to the pixel): what a picture must contain to show what its caption says. */
export function contains(outer: Box, inner: Box): boolean {
	return (
		inner.x >= outer.x - 1 &&
		inner.y >= outer.y - 1 &&
		inner.x + inner.width <= outer.x + outer.width + 1 &&
		inner.y + inner.height <= outer.y + outer.height + 1
	);
}

export type PictureOutcome = 'new' | 'updated' | 'unchanged';

/** Writes `png` as docs/images/<name>.png unless the picture there already looks the same. */
export function savePicture(name: string, png: Buffer, dir = PICTURES_DIR): { file: string; outcome: PictureOutcome } {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${name}.png`);
	const existing = existsSync(file) ? readFileSync(file) : undefined;
	const outcome: PictureOutcome = !existing ? 'new' : differsMaterially(existing, png) ? 'updated' : 'unchanged';
	if (outcome !== 'unchanged') writeFileSync(file, png);
	return { file, outcome };
}

/**
 * Takes the picture `name` of the box `clip` (CSS pixels, no animations, no caret, the mouse out of the way) and
 * saves it with savePicture. Take it only after checking that the page shows what the README says it does.
 */
export async function takePicture(page: Page, name: string, clip: Box): Promise<PictureOutcome> {
	await page.mouse.move(0, 0);
	const png = await page.screenshot({ clip, scale: 'css', animations: 'disabled', caret: 'hide', timeout: 15_000 });
	const { file, outcome } = savePicture(name, png);
	process.stdout.write(
		`[browser] picture ${relative(REPO_ROOT, file)}: ${outcome} (${clip.width}×${clip.height}, ${Math.round(png.length / 1024)} KB)\n`,
	);
	return outcome;
}
