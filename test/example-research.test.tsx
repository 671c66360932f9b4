/**
 * examples/research-plan-videos-draft-posts.json as saved: its RawUGC nodes run through the
 * engine against the fake in the order the workflow connects them (scrape -> content plan ->
 * one item per idea (its Code node's own JavaScript) -> first 3 -> a video per idea ->
 * captions), and its draft post node holds the Social Post parameters the contract names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { withFake } from './support/fake';
import { postedBodies } from './support/research';
import { runNode } from './support/run';

jest.setTimeout(60_000);

const handle = withFake();

interface SavedNode {
	name: string;
	type: string;
	parameters: INodeParameters & { jsCode?: string; maxItems?: number };
}
const workflow = JSON.parse(readFileSync(path.join(__dirname, '..', 'examples', 'research-plan-videos-draft-posts.json'), 'utf8')) as {
	nodes: SavedNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
};
const node = (name: string) => workflow.nodes.find((saved) => saved.name === name)!;

/** The chain of node names from the trigger, as the connections give it. */
function chain(from: string): string[] {
	const next = workflow.connections[from]?.main[0]?.[0]?.node;
	return next ? [from, ...chain(next)] : [from];
}

it('runs Scrape TikTok -> Content plan -> a captioned video per idea against the fake, as saved', async () => {
	expect(chain('Start')).toEqual(['Start', 'Scrape TikTok', 'Content plan', 'One item per idea', 'First 3 ideas', 'Video per idea', 'Add captions', 'Draft post']);

	const research = await runNode(handle, {
		parameters: node('Scrape TikTok').parameters,
		then: [{ name: 'Content plan', parameters: node('Content plan').parameters }],
	});
	expect(research.error).toBeUndefined();
	const plans = research.itemsOf('Content plan');
	expect(plans[0].json.planId).toEqual(expect.any(String));

	// The Code node's own JavaScript, with n8n's $input.
	const split = new Function('$input', node('One item per idea').parameters.jsCode as string) as (input: unknown) => Array<{ json: IDataObject }>;
	const ideas = split({ all: () => plans }).slice(0, node('First 3 ideas').parameters.maxItems);
	expect(ideas.length).toBeGreaterThan(0);

	const videos = await runNode(handle, {
		parameters: node('Video per idea').parameters,
		items: ideas,
		then: [{ name: 'Add captions', parameters: node('Add captions').parameters }],
	});
	expect(videos.error).toBeUndefined();
	const captioned = videos.itemsOf('Add captions');
	expect(captioned).toHaveLength(ideas.length);
	expect(captioned.every((item) => item.json.operation === 'captions' && typeof item.json.url === 'string')).toBe(true);
	expect(postedBodies(handle.fake, '/videos/generate').map((body) => body.prompt)).toEqual(ideas.map((idea) => expect.stringContaining(String(idea.json.hook))));
});

it('drafts a post per captioned video with the Social Post parameters of the contract', () => {
	expect(node('Draft post')).toMatchObject({
		type: 'n8n-nodes-rawugc.rawUgc',
		parameters: { resource: 'socialPost', operation: 'create', mode: 'draft', videoUrl: '={{ $json.url }}', accountIds: expect.any(Array) },
	});
});
