/**
 * Offline sandbox: `npm run emulator -- --port 8787 --clock real --speed 10`.
 * Prints the endpoint and the sandbox credentials to paste into n8n.
 */
import { ADMIN_PREFIX, DEFAULT_OSS_BUCKET, startEmulator } from './index';
import type { ClockMode } from './clock';

interface CliOptions {
	port: number;
	clock: ClockMode;
	speed: number;
	region?: string;
	/** Alibaba's documented per-action quotas, on unless --no-quotas: the sandbox is as strict as the service. */
	quotas: boolean;
	latencyMs: number;
}

function parseArgs(argv: string[]): CliOptions {
	const out: CliOptions = { port: 8787, clock: 'real', speed: 1, quotas: true, latencyMs: 0 };
	for (let index = 0; index < argv.length; index++) {
		const [flag, inline] = argv[index].split('=', 2);
		const value = (): string => {
			const entryValue = inline ?? argv[++index];
			if (entryValue === undefined) throw new Error(`${flag} needs a value`);
			return entryValue;
		};
		if (flag === '--port') out.port = Number(value());
		else if (flag === '--clock') out.clock = value() as ClockMode;
		else if (flag === '--speed') out.speed = Number(value());
		else if (flag === '--region') out.region = value();
		else if (flag === '--no-quotas') out.quotas = false;
		else if (flag === '--latency-ms') out.latencyMs = Number(value());
		else if (flag === '--help' || flag === '-h') {
			process.stdout.write(
				'Usage: emulator [--port 8787] [--clock real|manual] [--speed N] [--region cn-shanghai] [--latency-ms N] [--no-quotas]\n',
			);
			process.exit(0);
		} else throw new Error(`unknown option ${argv[index]}`);
	}
	if (!Number.isInteger(out.port) || out.port < 0 || out.port > 65535) throw new Error('--port must be 0–65535');
	if (out.clock !== 'real' && out.clock !== 'manual') throw new Error('--clock must be real or manual');
	if (!(out.speed > 0)) throw new Error('--speed must be a positive number');
	if (!(out.latencyMs >= 0)) throw new Error('--latency-ms must be 0 or more');
	return out;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const emu = await startEmulator({
		port: args.port,
		clock: args.clock,
		speed: args.speed,
		region: args.region,
		quotas: args.quotas ? 'alibaba' : undefined,
		latencyMs: args.latencyMs,
		// The default bucket, and the one example 5 uploads to.
		ossBuckets: [DEFAULT_OSS_BUCKET, 'media-in'],
	});
	const lines = [
		`Alibaba Cloud media emulator (ICE 2020-11-09, VOD 2017-03-21) listening on ${emu.url}`,
		`Clock: ${args.clock}${args.clock === 'real' ? ` ×${args.speed}` : ' (advance with POST ' + ADMIN_PREFIX + '/clock/advance {"ms":60000})'}; region ${emu.region}`,
		`Quotas: ${args.quotas ? "Alibaba's documented ones (Throttling.User above them)" : 'none'}; added latency ${args.latencyMs} ms`,
		'',
		'n8n credential settings:',
		`  ICE endpoint:       ${emu.url}`,
		`  VOD endpoint:       ${emu.url}`,
		`  AccessKey ID:       ${emu.credentials.accessKeyId}`,
		`  AccessKey Secret:   ${emu.credentials.accessKeySecret}`,
		'',
		'STS credentials (also accepted):',
		`  AccessKey ID:       ${emu.stsCredentials.accessKeyId}`,
		`  AccessKey Secret:   ${emu.stsCredentials.accessKeySecret}`,
		`  Security Token:     ${emu.stsCredentials.securityToken}`,
		'',
		'Upload to OSS node (Options):',
		`  OSS Endpoint Override: ${emu.oss.endpoint}   Addressing Style: Path-Style   buckets: ${DEFAULT_OSS_BUCKET}, media-in`,
		'',
		`Admin API: ${emu.url}${ADMIN_PREFIX}/health (see tools/sandbox/emulator/README.md). Ctrl+C to stop.`,
	];
	process.stdout.write(lines.join('\n') + '\n');
	const stop = (): void => {
		void emu.stop().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
	process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
	process.exit(1);
});
