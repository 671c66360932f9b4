// A throwaway Redis (Debian's redis-server) for n8n's queue: loopback, a free port, nothing saved to disk.
import { freePort, startBackground, waitFor, type Background } from '../e2e/lib/process';

export interface RedisProcess {
	port: number;
	process: Background;
	stop(): Promise<void>;
}

export async function startRedis(workDir: string, onStart: (pid: number) => void): Promise<RedisProcess> {
	const port = await freePort();
	const background = startBackground(
		process.env.RAWUGC_QUEUE_REDIS_SERVER ?? 'redis-server',
		[
			'--bind', '127.0.0.1',
			'--port', String(port),
			'--protected-mode', 'yes',
			'--save', '',
			'--appendonly', 'no',
			'--daemonize', 'no',
			'--dir', workDir,
			'--loglevel', 'notice',
		],
		{ cwd: workDir },
	);
	if (background.child.pid) onStart(background.child.pid);
	await waitFor(
		'redis-server to accept connections',
		async () => {
			if (background.child.exitCode !== null) throw new Error(`redis-server exited:\n${background.output()}`);
			return background.output().includes('Ready to accept connections') ? true : undefined;
		},
		20_000,
	);
	return { port, process: background, stop: async () => await background.stop() };
}
