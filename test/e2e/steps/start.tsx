// Step 5: `npm start` as a newcomer runs it (no RAWUGC_API_KEY, so the simulated RawUGC): n8n's
// health endpoint answers, the printed login works, a person's first click in Chromium makes an
// image, a video and a track they can see and play (try-browser.tsx), the webhook workflow makes an
// image, n8n printed no failed look-up of n8n.io, and Ctrl-C (SIGINT to its process group, as a
// terminal sends it) ends every process it started.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

import path from 'node:path';

import { TRY_WEBHOOK_WORKFLOW_NAME, TRY_WORKFLOW_NAME } from '../../../scripts/start/try-workflow';
import { openChromium, type OpenBrowser } from '../lib/chromium';
import { check, CheckFailed, type E2eContext } from '../lib/context';
import { N8nRest } from '../lib/n8n-rest';
import { freePort, waitFor } from '../lib/process';
import { tryWorkflowInBrowser } from './try-browser';

/** Every process below `root` right now (from /proc), with its command line. */
function descendants(root: number): Map<number, string> {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// Ended while we looked.
		}
	}
	const found = new Map<number, string>();
	const queue = [root];
	while (queue.length) {
		for (const pid of children.get(queue.shift()!) ?? []) {
			found.set(pid, readCommand(pid));
			queue.push(pid);
		}
	}
	return found;
}

function readCommand(pid: number): string {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 160);
	} catch {
		return '';
	}
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

export async function checkNpmStart(context: E2eContext): Promise<void> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = { ...process.env, RAWUGC_START_PORT: String(port), RAWUGC_E2E_SKIP_BUILD: '1' };
	delete env.RAWUGC_API_KEY;
	const started = Date.now();
	const child = spawn('npm', ['start'], { cwd: context.repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(String(code ?? signal))));
	const ownOutput = () => output.split('\n').filter((line) => !line.startsWith('[n8n]')).join('\n');
	let processes = new Map<number, string>();
	try {
		await waitFor('n8n started by npm start to answer /healthz', async () => {
			if (child.exitCode !== null) throw new CheckFailed(`npm start exited (${child.exitCode})`, output.slice(-6000));
			const response = await fetch(`${baseUrl}/healthz`).catch(() => undefined);
			return response?.ok ? true : undefined;
		}, 10 * 60_000);
		await waitFor('npm start to say it is ready', async () => (output.includes('RawUGC in n8n is ready') ? true : undefined), 120_000);
		console.log(`    npm start said it is ready after ${((Date.now() - started) / 1000).toFixed(1)} s (n8n already installed, build skipped)`);
		check(/Mode\s+simulated RawUGC.*every result is a small sample/.test(output), 'npm start without RAWUGC_API_KEY does not say it uses the simulated RawUGC and samples', ownOutput());
		const link = /RawUGC in n8n is ready: (\S+)/.exec(output)?.[1];
		check(link?.endsWith('/workflow/startTryRawUgc01'), `npm start printed no direct link to the Try workflow (${link})`, ownOutput());
		const login = /Log in\s+(\S+) \/ (\S+)/.exec(output);
		check(login, 'npm start printed no login', ownOutput());

		const rest = new N8nRest(baseUrl);
		const answer = await rest.request('POST', '/rest/login', { emailOrLdapLoginId: login[1], password: login[2] });
		check(answer.status === 200, `logging in with the printed email and password answered ${answer.status}`, answer.text.slice(0, 1000));
		const workflows = await rest.request('GET', '/rest/workflows');
		const names = ((workflows.json as { data?: Array<{ name: string }> }).data ?? []).map((workflow) => workflow.name);
		const examples = readdirSync(`${context.repo}/examples`).filter((name) => name.endsWith('.json')).length;
		// With the simulated RawUGC, a third try workflow schedules a post to its accounts.
		const tries = [TRY_WORKFLOW_NAME, TRY_WEBHOOK_WORKFLOW_NAME, 'Try RawUGC: schedule a post (simulated accounts)'];
		check(tries.every((name) => names.includes(name)) && names.length === examples + tries.length, `imported workflows: ${names.join(', ')}`);

		let browser: OpenBrowser | undefined;
		try {
			browser = await openChromium();
			const said = await tryWorkflowInBrowser(browser.page, { link: link!, email: login[1], password: login[2] }, path.join(context.repo, 'docs', 'images'));
			for (const line of said) console.log(`    ${line}`);
		} catch (error) {
			const shot = path.join(context.workDir, 'try-browser-failure.png');
			await browser?.page.screenshot({ path: shot }).catch(() => undefined);
			console.error(`    screenshot of the page at failure: ${shot} (url ${browser?.page.url()})`);
			throw error;
		} finally {
			await browser?.close();
		}

		const response = await fetch(`${baseUrl}/webhook/rawugc-try?prompt=${encodeURIComponent('a red bicycle')}`);
		const job = (await response.json().catch(() => ({}))) as Record<string, unknown>;
		check(response.status === 200 && job.status === 'completed', `the Try RawUGC webhook answered ${response.status}`, `${JSON.stringify(job, null, 2)}\n--- npm start output (tail) ---\n${output.slice(-8000)}`);
		check(typeof job.imageId === 'string' && job.imageId.startsWith('img_') && job.prompt === 'a red bicycle', 'the Try RawUGC run made no image of the prompt', job);
		console.log(`    logged in as ${login[1]}; ${names.length} workflows; the webhook made ${String(job.imageId)} (${String(job.creditsUsed)} simulated credits)`);
		const lookups = output.split('\n').filter((line) => line.startsWith('[n8n]') && /ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED/.test(line));
		check(lookups.length === 0, 'n8n started by npm start tried to reach the internet (a look-up npm start should switch off)', lookups.slice(0, 20).join('\n'));
	} finally {
		processes = descendants(child.pid!);
		try {
			process.kill(-child.pid!, 'SIGINT');
		} catch {
			// Already gone.
		}
	}
	const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000))]);
	let left: Array<[number, string]> = [];
	try {
		await waitFor('every process npm start started to end', async () => {
			left = [...processes].filter(([pid]) => alive(pid));
			return left.length === 0 ? true : undefined;
		}, 60_000);
	} catch {
		for (const [pid] of left) process.kill(pid, 'SIGKILL');
		throw new CheckFailed(`after Ctrl-C these processes of npm start were still running`, left.map(([pid, cmd]) => `${pid} ${cmd}`).join('\n'));
	}
	check(code !== 'timeout', 'npm start did not exit within 60 s of Ctrl-C', ownOutput().slice(-3000));
	const dataDir = /n8n data\s+(\S+)/.exec(output)?.[1];
	check(dataDir && !existsSync(dataDir), `npm start left its n8n data folder ${dataDir}`);
	const stillListening = await fetch(`${baseUrl}/healthz`).then(() => true, () => false);
	check(!stillListening, `something still answers on port ${port} after Ctrl-C`);
	console.log(`    Ctrl-C: npm start exited (${code}); all ${processes.size} processes it started ended, its data folder is gone`);
}
