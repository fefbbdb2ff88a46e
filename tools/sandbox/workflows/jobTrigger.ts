/**
 * Drives the Media Job Trigger the way an active n8n workflow does: one `pollOnce` per Poll Time, the static
 * data the previous poll left in memory handed to the next one. When a poll throws, n8n still keeps whatever
 * the node wrote into static data before throwing (the Workflow object stays in memory); `pollOnce` rejects
 * without returning it, so this driver takes the poll's Workflow through the harness's `onWorkflow` hook and
 * carries its in-memory static data on, exactly as n8n would.
 */
import type { IDataObject, Workflow } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import type { PollResult, WorkflowDefinition } from '../engine';
import { getHarness } from '../engine';
import { CREDENTIAL_REFERENCE, PACKAGE_NAME, sandboxCredentials } from './workflows';

export const TRIGGER = 'Media Job Trigger';

export function triggerWorkflow(
	parameters: IDataObject = {},
	downstream?: WorkflowDefinition['nodes'],
): WorkflowDefinition {
	const trigger = {
		id: 'trigger',
		name: TRIGGER,
		type: `${PACKAGE_NAME}.alibabaCloudMediaJobTrigger`,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as WorkflowDefinition['nodes'][number]['parameters'],
		credentials: CREDENTIAL_REFERENCE,
	};
	const nodes = [trigger, ...(downstream ?? [])];
	const connections: WorkflowDefinition['connections'] = {};
	if (downstream?.length) {
		connections[TRIGGER] = { main: [[{ node: downstream[0].name, type: 'main', index: 0 }]] };
	}
	return { nodes, connections };
}

export class TriggerDriver {
	/** What the next poll sees (n8n's in-memory static data of the active workflow). */
	staticData: IDataObject = {};
	/** The last static data n8n wrote to its database (after an emitting poll). */
	saved: IDataObject | undefined;
	polls = 0;

	constructor(
		readonly emulator: Emulator,
		public workflow: WorkflowDefinition,
		private readonly credentialOverrides: IDataObject = {},
	) {}

	/** One scheduled poll (the first one as n8n's activation poll). Returns the emitted items' json. */
	async poll(): Promise<IDataObject[]> {
		const result = await this.pollRaw();
		return result.items?.[0]?.map((item) => item.json) ?? [];
	}

	async pollRaw(): Promise<PollResult> {
		const harness = await getHarness();
		const result = await harness.pollOnce(this.workflow, TRIGGER, {
			credentials: sandboxCredentials(this.emulator, this.credentialOverrides),
			staticData: this.staticData,
			tick: this.polls === 0 ? 'activation' : 'scheduled',
		});
		this.polls++;
		this.staticData = result.staticData;
		if (result.savedStaticData) this.saved = result.savedStaticData;
		return result;
	}

	/**
	 * Two scheduled polls that overlap, as n8n runs them when a poll outlasts the time to the next Poll Time (it does
	 * not wait for a running poll): the second starts `gapMs` after the first, in the same Workflow object and so on
	 * the same static data. Resolves with each poll's emitted items' json, or its error; what they leave in static
	 * data is carried on, as n8n keeps it.
	 */
	async overlappingPolls(gapMs: number): Promise<Array<IDataObject[] | Error>> {
		const harness = await getHarness();
		const workflow = harness.createWorkflow(this.workflow, this.staticData);
		const poll = async (): Promise<IDataObject[] | Error> => {
			try {
				const result = await harness.pollOnce(this.workflow, TRIGGER, {
					credentials: sandboxCredentials(this.emulator, this.credentialOverrides),
					workflow,
				});
				if (result.savedStaticData) this.saved = result.savedStaticData;
				return result.items?.[0]?.map((item) => item.json) ?? [];
			} catch (error) {
				return error as Error;
			}
		};
		const first = poll();
		await new Promise((resolve) => setTimeout(resolve, gapMs));
		const outcomes = await Promise.all([first, poll()]);
		this.polls += 2;
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete this.staticData.__dataChanged;
		return outcomes;
	}

	/** A poll expected to fail: returns its error; the in-memory static data is carried on as n8n does. */
	async failingPoll(): Promise<Error> {
		const harness = await getHarness();
		let pollWorkflow: Workflow | undefined;
		let failure: Error | undefined;
		try {
			await harness.pollOnce(this.workflow, TRIGGER, {
				credentials: sandboxCredentials(this.emulator, this.credentialOverrides),
				staticData: this.staticData,
				tick: this.polls === 0 ? 'activation' : 'scheduled',
				onWorkflow: (workflow) => (pollWorkflow = workflow),
			});
		} catch (error) {
			failure = error as Error;
		}
		this.polls++;
		if (!failure) throw new Error('the poll was expected to fail but succeeded');
		const workflow = pollWorkflow as Workflow | undefined;
		if (!workflow) throw new Error('no workflow was created for the poll');
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete this.staticData.__dataChanged;
		return failure;
	}

	/** The editor's "Fetch test event". */
	async fetchTestEvent(): Promise<PollResult> {
		const harness = await getHarness();
		return await harness.pollOnce(this.workflow, TRIGGER, {
			credentials: sandboxCredentials(this.emulator, this.credentialOverrides),
			staticData: this.staticData,
			mode: 'manual',
		});
	}

	/** n8n restarted: the next poll starts from what was last saved to the database. */
	restart(): void {
		this.staticData = structuredClone(this.saved ?? {});
	}

	stateBytes(): number {
		return JSON.stringify(this.staticData).length;
	}
}
