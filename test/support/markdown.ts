/** Reading the repository's Markdown the way GitHub shows it: heading anchors, links, tables, fenced blocks. */

/** The anchor GitHub gives a heading, e.g. "## Your first workflow in five minutes" → your-first-workflow-in-five-minutes. */
export function anchorOf(heading: string): string {
	return heading
		.replace(/^#+ /, '')
		.trim()
		.toLowerCase()
		.replace(/[^\w\- ]/g, '')
		.replace(/ /g, '-');
}

/** The text outside fenced code blocks, line by line. */
function proseLines(markdown: string): string[] {
	let fenced = false;
	return markdown.split('\n').filter((line) => {
		if (line.startsWith('```')) {
			fenced = !fenced;
			return false;
		}
		return !fenced;
	});
}

export function headingAnchors(markdown: string): Set<string> {
	return new Set(
		proseLines(markdown)
			.filter((line) => /^#{1,6} /.test(line))
			.map(anchorOf),
	);
}

/** Every link and image target of the prose, as written: `[text](target)` and `![alt](target)`. */
export function linkTargets(markdown: string): string[] {
	return proseLines(markdown).flatMap((line) =>
		[...line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]),
	);
}

/** The lines of one section: from its heading to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string[] {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => line === heading);
	if (start < 0) throw new Error(`No heading "${heading}"`);
	const level = heading.indexOf(' ');
	const end = lines.findIndex((line, index) => index > start && /^#{1,6} /.test(line) && line.indexOf(' ') <= level);
	return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The rows of the first table among `lines`, as cells (header and separator left out). */
export function tableRows(lines: string[]): string[][] {
	const first = lines.findIndex((line) => line.startsWith('|'));
	if (first < 0) return [];
	const table = lines.slice(first);
	const last = table.findIndex((line) => !line.startsWith('|'));
	return table.slice(2, last < 0 ? undefined : last).map((line) =>
		line
			.replace(/^\||\|$/g, '')
			.split(' | ')
			.map((cell) => cell.trim()),
	);
}

/** The contents of the fenced blocks of a language among `lines`. */
export function fencedBlocks(lines: string[], language: string): string[] {
	const blocks: string[] = [];
	let current: string[] | undefined;
	for (const line of lines) {
		if (current === undefined && line === '```' + language) current = [];
		else if (current !== undefined && line === '```') {
			blocks.push(current.join('\n'));
			current = undefined;
		} else current?.push(line);
	}
	return blocks;
}

/** The one fenced block of a language in a section; throws (naming the section) unless there is exactly one. */
export function onlyFencedBlock(markdown: string, heading: string, language: string): string {
	const blocks = fencedBlocks(section(markdown, heading), language);
	if (blocks.length !== 1) {
		throw new Error(`"${heading}" has ${blocks.length} \`\`\`${language} blocks; expected exactly one`);
	}
	return blocks[0];
}
