/** Pieces of the callback messages (api-notes "Callbacks"). */

/** The account ID events carry (a number in ICE messages, text in VOD's). */
export const EMULATOR_USER_ID = 1234567890123456;

export function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
