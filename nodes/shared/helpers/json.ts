/** JSON text parsed (Alibaba nests JSON text in JSON: ActivityResults, Result, TaskInput, UserData…); anything else as is, unparsable text as undefined. */
export function parsedJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}
