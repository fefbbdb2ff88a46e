/** What `n8n execute --rawOutput` prints, parsed. */
interface NodeRun {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	error?: { message: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, any>; pairedItem?: unknown }> | null> };
	[key: string]: unknown;
}

/** The run `n8n execute --rawOutput` prints: n8n's IRun (`JSON.stringify(run, null, 2)`). */
interface RawRun {
	data: {
		resultData: {
			runData: Record<string, NodeRun[]>;
			lastNodeExecuted?: string;
			error?: { message: string; description?: string; node?: { name: string }; [key: string]: unknown };
		};
		[key: string]: unknown;
	};
	mode: string;
	status: string;
	finished?: boolean;
	startedAt: string;
	stoppedAt?: string;
	[key: string]: unknown;
}

export interface ExecuteResult {
	/** exit code 0 and a run with status `success` */
	ok: boolean;
	exitCode: number | null;
	/** the parsed run, when n8n printed one (success: on stdout; failure: in the error log, if found) */
	run?: RawRun;
	/** n8n's words when the execution failed */
	errorMessage?: string;
	stdout: string;
	stderr: string;
	logFile: string;
	durationMs: number;
	/** The json of a node's output items (run 0, output 0 unless given); throws if the node did not run. */
	output(nodeName: string, runIndex?: number, outputIndex?: number): Array<Record<string, any>>;
}

/**
 * Finds n8n's run in the output of `n8n execute --rawOutput`. In 2.41 stdout holds log lines (task broker,
 * license SDK, migrations on a fresh database, …) and then the run as pretty-printed JSON: a line `{` … a line `}`.
 * Takes the last top-level JSON object that looks like a run.
 */
export function parseRawOutput(text: string): RawRun | undefined {
	const lines = text.split(/\r?\n/);
	const starts: number[] = [];
	const ends: number[] = [];
	lines.forEach((line, index) => {
		if (line === '{') starts.push(index);
		if (line === '}') ends.push(index);
	});
	for (const start of starts.reverse()) {
		for (const end of [...ends].reverse()) {
			if (end <= start) break;
			try {
				const value = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (value && typeof value === 'object' && value.data?.resultData) return value as RawRun;
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

export function outputOf(run: RawRun | undefined, logFile: string) {
	return (nodeName: string, runIndex = 0, outputIndex = 0) => {
		const runs = run?.data.resultData.runData[nodeName];
		if (!runs?.[runIndex]) {
			const ran = run ? Object.keys(run.data.resultData.runData).join(', ') || 'none' : 'no run parsed';
			throw new Error(`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran}); n8n log: ${logFile}`);
		}
		const nodeRun = runs[runIndex];
		if (nodeRun.error) {
			throw new Error(`Node "${nodeName}" failed: ${nodeRun.error.message}; n8n log: ${logFile}`);
		}
		return (nodeRun.data?.main?.[outputIndex] ?? []).map((item) => item.json);
	};
}
