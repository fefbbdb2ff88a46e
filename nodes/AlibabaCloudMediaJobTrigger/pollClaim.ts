/**
 * n8n does not wait for a poll to end before it starts the next one (each Poll Time fires `void executePollTrigger()`),
 * so a slow poll and the next one can run at once over the same workflow static data: both would read the same state
 * and emit the same jobs. A poll therefore claims the trigger's static data for as long as it runs; a poll that finds
 * it claimed yields (emits nothing and leaves the state alone), and the next Poll Time after the running poll ends
 * picks up whatever finished meanwhile.
 *
 * The claim is kept beside the static data, not in it: n8n shares that object only within one process, and a claim
 * written into it could be saved to the database with the workflow and outlive the poll that made it.
 */
import type { IDataObject } from 'n8n-workflow';

const claimed = new WeakSet<IDataObject>();

/** Claims the trigger's static data for one poll: a release function, or undefined when another poll holds it. */
export function claimPoll(staticData: IDataObject): (() => void) | undefined {
	if (claimed.has(staticData)) return undefined;
	claimed.add(staticData);
	return () => claimed.delete(staticData);
}
