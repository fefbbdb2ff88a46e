/** The text of the first `<tag>` of an OSS XML answer, entities decoded; undefined when absent. */
export function xmlText(xml: string, tag: string): string | undefined {
	const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
	if (!match) return undefined;
	return match[1].replace(/&(#x[0-9a-f]+|#\d+|quot|apos|lt|gt|amp);/gi, (_all, entity: string) => {
		const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
		if (entity[0] !== '#') return named[entity.toLowerCase()];
		return String.fromCodePoint(
			entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
		);
	});
}
