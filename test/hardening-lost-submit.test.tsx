/**
 * The search for a submit whose answer was lost adopts only a job that can be the lost one:
 * the same model, prompt and settings the request fixed, created since it was sent, not
 * already taken by this process, and not the job of another submit still waiting for its
 * answer. Each test leaves in the list a job that must not be taken; the item must then say
 * that its image may have been created and charged.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeJob } from './fake-rawugc';
import { withFake } from './support/fake';
import { putImageJob } from './support/jobs';
import { expr, generateParameters } from './support/parameters';
import { runNode, teachPacer } from './support/run';

const handle = withFake();

const SUBMIT = { method: 'POST', path: '/images/generate' };
const PROMPT = 'the lost one';
const posts = () => handle.fake.apiRequests().filter((request) => request.method === 'POST');

/** A job this process never saw (another worker's, or older), put straight into the fake's list. */
const otherJob = (overrides: Partial<FakeJob> = {}) => putImageJob(handle, { prompt: PROMPT, ...overrides });

async function runLost(parameters: INodeParameters) {
	// 'reset': the connection drops before the API acted, so no job of this item exists.
	handle.fake.failNext(SUBMIT, { kind: 'reset' });
	return await runNode(handle, { parameters: generateParameters({ prompt: PROMPT, ...parameters }), continueOnFail: true });
}

function expectNotAdopted(result: Awaited<ReturnType<typeof runLost>>, other: FakeJob) {
	expect(result.items).toHaveLength(1);
	expect(result.items[0].json.imageId).not.toBe(other.imageId);
	expect(result.items[0].json.error).toMatch(/may have been created and charged/);
	expect(posts()).toHaveLength(1);
}

describe('a lost submit does not adopt', () => {
	it('a same-model job with another prompt', async () => {
		const other = otherJob({ prompt: 'another prompt' });
		expectNotAdopted(await runLost({}), other);
	});

	it('a same-prompt job with another aspect ratio', async () => {
		const other = otherJob({ aspectRatio: '16:9' });
		expectNotAdopted(await runLost({ aspectRatio: '1:1' }), other);
	});

	it('a same-prompt job with another resolution', async () => {
		const other = otherJob({ resolution: '1K' });
		expectNotAdopted(await runLost({ resolution: '2K' }), other);
	});

	it('a same-prompt job with another output format', async () => {
		const other = otherJob({ outputFormat: 'jpg' });
		expectNotAdopted(await runLost({ outputFormat: 'png' }), other);
	});

	it('a same-prompt edit of another image size', async () => {
		const other = otherJob({ model: 'google/nano-banana-edit', creditsUsed: 2, imageSize: '16:9', imageUrls: ['https://example.com/photo.png'] });
		expectNotAdopted(
			await runLost({ model: 'google/nano-banana-edit', imageUrls: 'https://example.com/photo.png', imageSize: '4:3' }),
			other,
		);
	});

	it('an older same-prompt job, created well before the submit was sent', async () => {
		const other = otherJob({ createdAt: Date.now() - 10 * 60_000 });
		expectNotAdopted(await runLost({}), other);
	});

	it('a same-prompt job this process already took (an earlier run\'s)', async () => {
		const earlier = await runNode(handle, { parameters: generateParameters({ prompt: PROMPT }) });
		expect(earlier.error).toBeUndefined();
		const [taken] = handle.fake.jobs.values();
		handle.fake.reset();

		expectNotAdopted(await runLost({}), taken);
	});

	it('the job of a same-prompt item whose answer is slow to come', async () => {
		await teachPacer(handle);
		// Both submits are in flight together: one answer comes late, the other connection drops
		// before the API acts. Only the slow one's job exists, and it is not the lost one's.
		handle.fake.failNext(SUBMIT, { kind: 'delay', ms: 1_500 });
		handle.fake.failNext(SUBMIT, { kind: 'reset' });

		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr(`'${PROMPT}'`) }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});

		expect(handle.fake.jobs.size).toBe(1);
		const [slowJob] = handle.fake.jobs.keys();
		const completed = result.items.filter((item) => item.json.status === 'completed');
		const lost = result.items.filter((item) => item.json.error);
		expect(completed.map((item) => item.json.imageId)).toEqual([slowJob]);
		expect(lost).toHaveLength(1);
		expect(lost[0].json.error).toMatch(/may have been created and charged/);
	});
});

describe('a lost submit still finds its own job', () => {
	it.each([
		['text to image with every setting fixed', { aspectRatio: '16:9', resolution: '2K', outputFormat: 'png' }],
		[
			'an edit with its image size and format',
			{ model: 'google/nano-banana-edit', imageUrls: 'https://example.com/photo.png', imageSize: '4:3', outputFormat: 'jpeg' },
		],
	])('(%s) among same-prompt jobs of other settings', async (_, settings: INodeParameters) => {
		otherJob({ aspectRatio: '1:1', resolution: '4K', outputFormat: 'jpg' });
		otherJob({ model: 'google/nano-banana-edit', creditsUsed: 2, imageSize: '1:1', outputFormat: 'png' });
		handle.fake.failNext(SUBMIT, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: generateParameters({ prompt: PROMPT, ...settings }) });

		expect(result.error).toBeUndefined();
		const own = [...handle.fake.jobs.values()].pop()!;
		expect(result.items[0].json).toMatchObject({ imageId: own.imageId, status: 'completed' });
		expect(posts()).toHaveLength(1);
	});
});
