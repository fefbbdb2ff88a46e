/** Reading a Dockerfile the way `docker build` does: its instructions, with continuation lines joined. */

export interface Instruction {
	/** FROM, ARG, COPY…, upper case */
	keyword: string;
	/** the rest of the instruction, continuation lines joined with a space */
	args: string;
}

export function dockerInstructions(text: string): Instruction[] {
	const instructions: Instruction[] = [];
	let pending = '';
	for (const line of text.split('\n')) {
		// comment lines are dropped, also inside an instruction that continues
		if (/^\s*#/.test(line)) continue;
		if (pending === '' && line.trim() === '') continue;
		const continues = /\\\s*$/.test(line);
		pending += `${line.replace(/\\\s*$/, '').trim()}${continues ? ' ' : ''}`;
		if (continues) continue;
		const [keyword, ...rest] = pending.trim().split(/\s+/);
		instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
		pending = '';
	}
	return instructions;
}

/** The `NAME=value` pairs of ARG and ENV instructions (values without spaces or quotes). */
export function assignments(instruction: Instruction): Record<string, string> {
	return Object.fromEntries(
		instruction.args.split(/\s+/).map((pair) => {
			const [name, ...value] = pair.split('=');
			return [name, value.join('=')];
		}),
	);
}
