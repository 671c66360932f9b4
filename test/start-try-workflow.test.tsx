/**
 * The "Try RawUGC" workflows `npm start` imports. The first has the manual trigger as its only
 * trigger (so the editor's big Execute button runs it) and plain-text prompts; each of its RawUGC
 * nodes, with the parameters as saved, runs through the engine against the fake in sample mode (as
 * npm start runs it) and delivers a file a person can open. The webhook lives in a workflow of its
 * own. The real-n8n run clicks the button in Chromium and calls the webhook.
 */
import { DateTime } from 'luxon';

import { tryPostWorkflow } from '../scripts/start/try-post-workflow';
import { tryWebhookWorkflow, tryWorkflow } from '../scripts/start/try-workflow';
import { NODE_TYPE } from './e2e/workflows';
import { withFake } from './support/fake';
import { runNode } from './support/run';

const handle = withFake({ sampleMedia: true });

const rawUgcNodes = tryWorkflow.nodes.filter((node) => node.type === NODE_TYPE);
const triggersOf = (workflow: typeof tryWorkflow) => workflow.nodes.filter((node) => node.type !== NODE_TYPE);

it('holds an image, a video and a track node, all reached by the manual trigger, its only trigger', () => {
	expect(rawUgcNodes.map((node) => (node.parameters as { resource: string }).resource).sort()).toEqual(['image', 'music', 'video']);
	expect(triggersOf(tryWorkflow).map((node) => node.type)).toEqual(['n8n-nodes-base.manualTrigger']);
	const click = tryWorkflow.connections['Click to try'] as { main: Array<Array<{ node: string }>> };
	const fromClick = click.main[0].map((link) => link.node).sort();
	expect(fromClick).toEqual(rawUgcNodes.map((node) => node.name).sort());
	expect(tryWorkflow.name).toMatch(/image.*video.*track/);
});

it('types its prompts as plain text (no expression where none is needed)', () => {
	for (const node of rawUgcNodes) expect(String((node.parameters as { prompt: string }).prompt)).not.toMatch(/^=/);
});

it('keeps the webhook example in a workflow of its own, feeding the prompt from the query', () => {
	expect(triggersOf(tryWebhookWorkflow).map((node) => node.type)).toEqual(['n8n-nodes-base.webhook']);
	const image = tryWebhookWorkflow.nodes.find((node) => node.type === NODE_TYPE)!;
	expect((image.parameters as { prompt: string }).prompt).toMatch(/^=\{\{ \$json\.query\?\.prompt/);
});

const MAGIC: Record<string, { mimeType: string; starts: (bytes: Buffer) => boolean }> = {
	image: { mimeType: 'image/jpeg', starts: (bytes) => bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
	video: { mimeType: 'video/mp4', starts: (bytes) => bytes.toString('latin1', 4, 8) === 'ftyp' },
	music: { mimeType: 'audio/mpeg', starts: (bytes) => bytes.toString('latin1', 0, 3) === 'ID3' },
};

it.each(rawUgcNodes.map((node) => [node.name, node] as const))('%s delivers a sample file a person can open', async (_name, node) => {
	const result = await runNode(handle, { parameters: node.parameters as never });
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.status).toBe('completed');
	expect(Object.keys(result.items[0].binary ?? {})).toEqual(['data']);
	const binary = result.items[0].binary!.data;
	const bytes = await result.readBinary(result.items[0]);
	const expected = MAGIC[(node.parameters as { resource: string }).resource];
	expect(binary.mimeType).toBe(expected.mimeType);
	expect(expected.starts(bytes)).toBe(true);
	expect(bytes.length).toBeGreaterThan(10_000);
	expect(bytes.length).toBeLessThan(1024 * 1024);
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
