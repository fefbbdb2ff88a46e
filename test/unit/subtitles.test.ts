/**
 * The editor shows each node's subtitle from its parameters, which may hold anything while a user edits: nothing,
 * an expression not yet resolved, a number, a list. A subtitle that throws breaks the canvas, so none may.
 */
import type { INodeType } from 'n8n-workflow';

import { AlibabaCloudGetLiveEditingJob } from '../../nodes/AlibabaCloudGetLiveEditingJob/AlibabaCloudGetLiveEditingJob.node';
import { AlibabaCloudGetMediaProducingJob } from '../../nodes/AlibabaCloudGetMediaProducingJob/AlibabaCloudGetMediaProducingJob.node';
import { AlibabaCloudGetPackageJob } from '../../nodes/AlibabaCloudGetPackageJob/AlibabaCloudGetPackageJob.node';
import { AlibabaCloudGetVodWorkflowJob } from '../../nodes/AlibabaCloudGetVodWorkflowJob/AlibabaCloudGetVodWorkflowJob.node';
import { AlibabaCloudMediaJobTrigger } from '../../nodes/AlibabaCloudMediaJobTrigger/AlibabaCloudMediaJobTrigger.node';
import { AlibabaCloudSubmitLiveEditingJob } from '../../nodes/AlibabaCloudSubmitLiveEditingJob/AlibabaCloudSubmitLiveEditingJob.node';
import { AlibabaCloudSubmitMediaProducingJob } from '../../nodes/AlibabaCloudSubmitMediaProducingJob/AlibabaCloudSubmitMediaProducingJob.node';
import { AlibabaCloudSubmitPackageJob } from '../../nodes/AlibabaCloudSubmitPackageJob/AlibabaCloudSubmitPackageJob.node';
import { AlibabaCloudSubmitVodWorkflowJob } from '../../nodes/AlibabaCloudSubmitVodWorkflowJob/AlibabaCloudSubmitVodWorkflowJob.node';

const NODES: INodeType[] = [
	new AlibabaCloudGetLiveEditingJob(),
	new AlibabaCloudGetMediaProducingJob(),
	new AlibabaCloudGetPackageJob(),
	new AlibabaCloudGetVodWorkflowJob(),
	new AlibabaCloudMediaJobTrigger(),
	new AlibabaCloudSubmitLiveEditingJob(),
	new AlibabaCloudSubmitMediaProducingJob(),
	new AlibabaCloudSubmitPackageJob(),
	new AlibabaCloudSubmitVodWorkflowJob(),
];

const ODD_VALUES: unknown[] = [undefined, null, '', '={{ $json.outcome }}', 42, ['failed'], {}];

/** Evaluates `={{ … }}` as JavaScript with `$parameter`, as n8n's expression engine does for a subtitle. */
function evaluate(subtitle: string, parameters: Record<string, unknown>): unknown {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle)?.[1];
	if (body === undefined) return subtitle;
	return new Function('$parameter', `return (${body});`)(parameters) as unknown;
}

describe.each(NODES.map((node) => [node.description.displayName, node] as const))('%s', (_name, node) => {
	const subtitle = node.description.subtitle;
	const names = node.description.properties.map((property) => property.name);

	it.each(ODD_VALUES.map((value) => [JSON.stringify(value) ?? 'undefined', value]))(
		'its subtitle does not throw when every parameter is %s',
		(_label, value) => {
			expect(subtitle).toEqual(expect.any(String));
			const parameters = Object.fromEntries(names.map((name) => [name, value]));
			expect(() => evaluate(subtitle as string, parameters)).not.toThrow();
		},
	);
});
