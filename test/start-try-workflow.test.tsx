/**
 * The "Try RawUGC" workflow `npm start` imports: each of its RawUGC nodes, with the parameters
 * as saved, runs through the engine against the fake and delivers its file (the real-n8n run
 * checks the webhook path of the same workflow).
 */
import { DateTime } from 'luxon';

import { tryPostWorkflow } from '../scripts/start/try-post-workflow';
import { tryWorkflow } from '../scripts/start/try-workflow';
import { NODE_TYPE } from './e2e/workflows';
import { withFake } from './support/fake';
import { runNode } from './support/run';

const handle = withFake();

const rawUgcNodes = tryWorkflow.nodes.filter((node) => node.type === NODE_TYPE);

it('holds an image, a video and a soundtrack node, all reached by the manual trigger', () => {
	expect(rawUgcNodes.map((node) => (node.parameters as { resource: string }).resource).sort()).toEqual(['image', 'music', 'video']);
	const click = tryWorkflow.connections['Click to try'] as { main: Array<Array<{ node: string }>> };
	const fromClick = click.main[0].map((link) => link.node).sort();
	expect(fromClick).toEqual(rawUgcNodes.map((node) => node.name).sort());
});

it.each(rawUgcNodes.map((node) => [node.name, node] as const))('%s delivers its file', async (_name, node) => {
	const result = await runNode(handle, { parameters: node.parameters as never });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.status).toBe('completed');
	expect(Object.keys(result.items[0].binary ?? {})).toEqual(['data']);
});

describe('"Try RawUGC: schedule a post" (simulated RawUGC only)', () => {
	it('makes a video, captions it, and schedules the captioned version for 9:00 tomorrow to the simulated accounts', async () => {
		const [first, ...rest] = tryPostWorkflow.nodes.filter((node) => node.type === NODE_TYPE);
		const result = await runNode(handle, {
			parameters: first.parameters as never,
			then: rest.map((node) => ({ name: String(node.name), parameters: node.parameters as never })),
			timezone: 'Europe/Berlin',
		});

		expect(result.error).toBeUndefined();
		const [post] = result.itemsOf('Schedule a post at 9:00 tomorrow');
		const [captioned] = result.itemsOf('Add captions');
		expect(post.json).toMatchObject({ status: 'scheduled', videoUrl: captioned.json.url, platforms: ['tiktok', 'instagram'], timezone: 'Europe/Berlin' });
		const nine = DateTime.fromMillis(post.json.scheduledFor as number, { zone: 'Europe/Berlin' });
		expect([nine.hour, nine.minute, nine.toISODate()]).toEqual([9, 0, DateTime.now().setZone('Europe/Berlin').plus({ days: 1 }).toISODate()]);
	});
});
