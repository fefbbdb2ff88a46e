/** n8n's CLI run in containers of an image, for the N8n harness (`N8n.create({ launcher })`). */
import type { N8nLauncher } from '../n8n/instance';
import { dockerTools } from '../services/debianTools';

/**
 * Each CLI call in a throwaway container of `image` (`docker run --rm`), with the volume that holds n8n's user folder
 * and the harness's input files mounted read-only at their host path, so that `--input=<file>` names the same file
 * inside. Only the N8N_ settings a call asks for reach n8n; the image decides everything else. The docker CLI finds
 * the engine through DOCKER_HOST in the harness's environment.
 */
export function containerLauncher(options: { image: string; volume: string; inputDir: string }): N8nLauncher {
	return {
		command: dockerTools.docker(),
		args: (n8nArgs, n8nEnv) => [
			'run',
			'--rm',
			'--volume',
			`${options.volume}:/home/node/.n8n`,
			'--volume',
			`${options.inputDir}:${options.inputDir}:ro`,
			...Object.entries(n8nEnv)
				.filter(([name]) => name.startsWith('N8N_'))
				.flatMap(([name, value]) => ['--env', `${name}=${value}`]),
			options.image,
			...n8nArgs,
		],
	};
}
