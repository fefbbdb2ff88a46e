/** The demo's fixed settings and its command-line options. */
import { join } from 'node:path';

import { REPO_ROOT } from '../../tools/sandbox/n8n';
import { fail } from './output';

export const DEFAULT_N8N_PORT = 5678;
export const EMULATOR_PORT = 8787;
export const EMULATOR_SPEED = 10;
export const DEMO_DIR = join(REPO_ROOT, '.cache', 'demo', 'runs');
export const KEEP_RUNS = 3;
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const HEADLINE = { id: 'alibabaExample02', file: '02-produce-timeline-notify.json' };
export const SUBMIT_NODE = 'Submit Media Producing Job';
export const EMAIL_NODE = 'Email ops';
export const TRIGGER = { id: 'alibabaExample03', file: '03-job-trigger-alerts.json' };
export const SLACK_PLACEHOLDER = 'https://hooks.slack.com/services/T000/B000/XXXX';
export const ALIBABA_CREDENTIAL = { id: 'alibabaSandbox', name: 'Alibaba Cloud (sandbox)' };
export const SMTP_CREDENTIAL = { id: 'sandboxSmtp', name: 'Sandbox SMTP' };
/** Example 8's Webhook accepts calls carrying this header; the demo gives it a random value of its own. */
export const EVENTBRIDGE_CREDENTIAL = { id: 'eventBridgeToken', name: 'EventBridge token' };
export const EVENTBRIDGE_HEADER = 'x-eventbridge-signature-token';
export const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Operator',
	password: 'Sandbox-Demo-2024',
};

export interface Options {
	once: boolean;
	port?: number;
}

export function parseArgs(argv: string[]): Options {
	const options: Options = { once: false };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		if (flag === '--once') options.once = true;
		else if (flag === '--port') {
			const value = Number(inline ?? argv[++index]);
			if (!Number.isInteger(value) || value < 1 || value > 65535) fail('--port needs a port number (1–65535)');
			options.port = value;
		} else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				[
					'Usage: npm run demo [-- --once] [-- --port 5678]',
					'',
					'  (no option)  set everything up, run example 2 once, then keep n8n open at http://localhost:5678',
					'               until Ctrl-C',
					'  --once       set up, run example 2, check that the editor answers and example 3 is active, stop',
					'               (exit code 0 when everything worked; for CI)',
					'  --port N     the port for n8n (default 5678)',
					'',
				].join('\n'),
			);
			process.exit(0);
		} else fail(`unknown option ${argv[index]} (try --help)`);
	}
	return options;
}
