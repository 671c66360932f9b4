/**
 * Image > Generate once the job exists: failure, time-out, Continue, the version header,
 * the old version's field names, and the API key staying on the API host.
 */
import { NodeOperationError } from 'n8n-workflow';

import { FAIL_CODE, FAIL_MESSAGE } from './fake-rawugc';
import { withFake } from './support/fake';
import { expr, generateParameters } from './support/parameters';
import { apiRoutes } from './support/requests';
import { numberedItems, runNode } from './support/run';
import { expectSecretNowhere } from './support/secrets';

describe('a job that fails', () => {
	const handle = withFake();

	it('is an error carrying its imageId, failCode and failMessage', async () => {
		const result = await runNode(handle, { parameters: generateParameters({ prompt: 'A cat [fail]' }) });

		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		const [job] = [...handle.fake.jobs.values()];
		expect(error.message).toContain('failed to generate');
		expect(error.message).toContain(job.imageId);
		expect(error.message).toContain(FAIL_CODE);
		expect(error.message).toContain(FAIL_MESSAGE);
		expect(error.context.imageId).toBe(job.imageId);
		expect(error.context.job).toMatchObject({ imageId: job.imageId, status: 'failed', failCode: FAIL_CODE, failMessage: FAIL_MESSAGE });
		expect(handle.fake.storageRequests()).toEqual([]);
	});

	it('with Continue becomes an error item with its pairedItem, and the other items carry on', async () => {
		const { fake } = handle;
		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: expr('$json.n === 1 ? "A dog [fail]" : "A dog " + $json.n') }),
			items: numberedItems(3),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const failed = result.items[1];
		expect(failed.binary).toBeUndefined();
		expect(failed.json).toMatchObject({ status: 'failed', failCode: FAIL_CODE, failMessage: FAIL_MESSAGE });
		expect(failed.json.error).toEqual(expect.stringContaining('failed to generate'));
		expect(fake.findJob(failed.json.imageId as string)?.prompt).toBe('A dog [fail]');
		for (const index of [0, 2]) {
			const item = result.items[index];
			expect(item.json.error).toBeUndefined();
			expect(item.json.prompt).toBe(`A dog ${index}`);
			expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
		}
	});
});

describe('a job still running when the wait runs out', () => {
	const handle = withFake({ jobDurationMs: 60_000 });

	it('is an error "still running: collect it with Get" carrying the imageId', async () => {
		const result = await runNode(handle, { parameters: generateParameters({ options: { maxWaitTime: 1 } }) });

		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		const [job] = [...handle.fake.jobs.values()];
		expect(error.message).toContain('still running');
		expect(error.message).toContain('collect it with Get');
		expect(error.message).toContain(job.imageId);
		expect(error.context.imageId).toBe(job.imageId);
		expect(handle.fake.storageRequests()).toEqual([]);
	});

	it('with Continue is an error item with the imageId', async () => {
		const result = await runNode(handle, {
			parameters: generateParameters({ options: { maxWaitTime: 1 } }),
			continueOnFail: true,
		});

		const [job] = [...handle.fake.jobs.values()];
		expect(result.items).toEqual([
			expect.objectContaining({
				json: expect.objectContaining({ imageId: job.imageId, error: expect.stringContaining('still running') }),
				pairedItem: { item: 0 },
			}),
		]);
	});
});

describe('API version', () => {
	const handle = withFake();

	it('sends RawUGC-Version: 2026-03-06 on every API request (submit, list, look)', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters(), items: numberedItems(2) });

		expect(result.error).toBeUndefined();
		const routes = apiRoutes(fake);
		expect(routes.filter((route) => route === 'POST /images/generate')).toHaveLength(2);
		expect(routes.some((route) => route.startsWith('GET /images'))).toBe(true);
		expect(fake.apiRequests().map((request) => request.headers['rawugc-version'])).toEqual(routes.map(() => '2026-03-06'));
	});
});

describe('a key whose answers come in the 2025-11-10 shape (taskId, resultUrl)', () => {
	const handle = withFake({ pinnedVersion: '2025-11-10', ignoreVersionHeader: true });

	it('is read right: the output uses imageId and url, the image is downloaded', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const imageId = item.json.imageId as string;
		expect(imageId).toMatch(/^task_/);
		expect(item.json).not.toHaveProperty('taskId');
		expect(item.json).not.toHaveProperty('resultUrl');
		expect(item.json.url).toBe(`${fake.storageOrigin}/results/${fake.findJob(imageId)!.imageId}.jpg`);
		expect(item.json.status).toBe('completed');
		expect(item.binary?.data).toMatchObject({ fileName: `${imageId}.jpg`, mimeType: 'image/jpeg' });
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(imageId));
		// The fake answered the old shape although the node asked for the new version.
		expect(fake.apiRequests().every((request) => request.headers['rawugc-version'] === '2026-03-06')).toBe(true);
	});

	it('outputs the submitted job in today’s names when not waiting', async () => {
		const result = await runNode(handle, { parameters: generateParameters({ waitForCompletion: false }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ imageId: expect.stringMatching(/^task_/), status: 'pending', creditsUsed: 4 });
		expect(result.items[0].json).not.toHaveProperty('taskId');
	});
});

describe('the API key', () => {
	const handle = withFake();

	it('goes to the API only: no Authorization (nor the key) on storage requests, nothing in output or logs', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters(), items: numberedItems(2) });

		expect(result.error).toBeUndefined();
		expect(fake.storageRequests()).toHaveLength(2);
		for (const request of fake.storageRequests()) {
			expect(request.headers.authorization).toBeUndefined();
			expect(JSON.stringify(request.headers)).not.toContain(fake.apiKey);
		}
		for (const request of fake.apiRequests()) expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
		expectSecretNowhere(result, fake.apiKey);
	});

	it('stays out of a failed job’s error and logs', async () => {
		const result = await runNode(handle, { parameters: generateParameters({ prompt: '[fail]' }) });

		expect(result.error).toBeDefined();
		expectSecretNowhere(result, handle.fake.apiKey);
	});
});
