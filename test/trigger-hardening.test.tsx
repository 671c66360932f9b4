/**
 * RawUGC Trigger, hardened (issue 19, defects 4 and 7 and the trigger's guards): listings cut
 * short by the page cap or the poll's budget, lists in another order than newest first,
 * re-ticked kinds, ticks on a new poll context, the budget's postponing and the memory's bounds.
 * Through n8n-core's PollContext (test/engine/pollTrigger.tsx) against the fake on real sockets.
 */
import { listLimits } from '../nodes/RawUgcTrigger/poll/listing';
import { memoryLimits } from '../nodes/RawUgcTrigger/poll/memory';
import { withFake } from './support/fake';
import { finish, submitImages, submitJob } from './support/jobs';
import { activateImageTrigger as activate, createdAgo, finishedSpreadOut, firedIds, imageMemory, listPagesSince, MINUTE } from './support/triggerJobs';

const HOUR = 60 * MINUTE;

describe('RawUGC Trigger: a listing cut short leaves nothing behind (defect 4)', () => {
	const handle = withFake({ jobDurationMs: HOUR });
	const limits = { ...listLimits };
	beforeEach(() => Object.assign(listLimits, { pageSize: 3, maxPages: 2 }));
	afterAll(() => Object.assign(listLimits, limits));

	it('jobs past the page cap fire at the next poll, which reads on where the cut was (one page, not the whole way again)', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 8);

		const cut = await trigger.poll();
		expect(cut.error).toBeUndefined();
		expect(firedIds(cut.items)).toEqual(ids.slice(2).sort());

		const before = handle.fake.apiRequests().length;
		const next = await trigger.poll();
		expect(firedIds(next.items)).toEqual(ids.slice(0, 2).sort());
		expect(listPagesSince(handle, before)).toEqual(['1', '3']);
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('jobs a poll had no time to list (its budget ran out after a page) fire at a later poll', async () => {
		const trigger = activate(handle, {}, 1_000);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 5);
		// The first page answers after the listing's share of the budget (half of it).
		handle.fake.failNext({ method: 'GET', path: '/images' }, { kind: 'delay', ms: 600 });

		const cut = await trigger.poll();
		expect(cut.error).toBeUndefined();
		expect(firedIds(cut.items)).toEqual(ids.slice(2).sort());

		const next = await trigger.poll();
		expect(firedIds(next.items)).toEqual(ids.slice(0, 2).sort());
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('a gap older than the page cap is still read, page after page, across polls', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 14);
		const fired: string[] = [];
		for (let poll = 0; poll < 4; poll++) fired.push(...firedIds((await trigger.poll()).items));
		expect(fired.sort()).toEqual([...ids].sort());
		expect((await trigger.poll()).emitted).toBe(false);
	});
});

describe('RawUGC Trigger: the list order is not assumed (defect 4)', () => {
	for (const listOrder of ['oldestFirst', 'interleaved'] as const) {
		describe(listOrder, () => {
			const handle = withFake({ jobDurationMs: HOUR, listOrder });
			const limits = { ...listLimits };
			beforeEach(() => Object.assign(listLimits, { pageSize: 3, maxPages: 10 }));
			afterAll(() => Object.assign(listLimits, limits));

			it('nothing older fires at activation; each job finished after it fires once, wherever the list shows it', async () => {
				await finishedSpreadOut(handle, 4);
				const trigger = activate(handle);
				const first = await trigger.poll();
				expect(first.emitted).toBe(false);
				const [running] = await submitImages(handle, 1);
				expect((await trigger.poll()).emitted).toBe(false);

				const ids = await submitImages(handle, 4);
				for (const id of [...ids, running]) finish(handle, id);
				const fired = await trigger.poll();

				expect(fired.error).toBeUndefined();
				expect(firedIds(fired.items)).toEqual([...ids, running].sort());
				expect((await trigger.poll()).emitted).toBe(false);
			});
		});
	}
});

describe('RawUGC Trigger: kinds ticked again, ticks on new contexts (defects 4 and 7)', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it('a kind unticked and ticked again on an active workflow starts afresh: what finished meanwhile does not fire', async () => {
		const both = { kinds: ['image', 'video'] };
		let trigger = activate(handle, both);
		await trigger.poll();
		const meanwhile = await submitJob(handle, 'video', 'Made while video was unticked');

		trigger = trigger.update({ event: 'jobFinished', kinds: ['image'], statuses: ['completed'], options: { download: false } });
		await trigger.poll();
		finish(handle, meanwhile);
		expect((await trigger.poll()).emitted).toBe(false);

		trigger = trigger.update({ event: 'jobFinished', kinds: ['image', 'video'], statuses: ['completed'], options: { download: false } });
		expect((await trigger.poll()).emitted).toBe(false);
		expect(Object.keys(trigger.nodeStaticData.jobFinished as object).sort()).toEqual(['image', 'video']);

		const later = await submitJob(handle, 'video', 'Made after video was ticked again');
		finish(handle, later);
		const fired = await trigger.poll();
		expect(fired.items.map((item) => item.json.videoId)).toEqual([later]);
	});

	it('the memory of an unticked kind is dropped from the static data', async () => {
		const trigger = activate(handle, { kinds: ['image', 'video', 'music'] });
		await trigger.poll();
		const imagesOnly = trigger.update({ event: 'jobFinished', kinds: ['image'], statuses: ['completed'] });
		await imagesOnly.poll();
		expect(Object.keys(imagesOnly.nodeStaticData.jobFinished as object)).toEqual(['image']);
	});

	for (const activation of ['update', 'activate'] as const) {
		it(`a tick on a new poll context of the same activation (mode '${activation}') fires what finished since`, async () => {
			const trigger = activate(handle);
			await trigger.poll();
			const [id] = await submitImages(handle, 1);
			finish(handle, id);

			const fired = await trigger.onNewContext(activation).poll();

			expect(fired.error).toBeUndefined();
			expect(firedIds(fired.items)).toEqual([id]);
			expect((await trigger.onNewContext(activation).poll()).emitted).toBe(false);
		});
	}

	it('turning the workflow off and on again still starts afresh (the activation mark is not saved)', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);
		expect(JSON.stringify(trigger.staticData)).not.toContain('activation');
		expect((await trigger.reactivate().poll()).emitted).toBe(false);
	});
});

describe('RawUGC Trigger: its guards', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it('completed-after guard: a job finished before activation never fires, even once it has left the memory', async () => {
		const old = await finishedSpreadOut(handle, 2);
		const trigger = activate(handle);
		await trigger.poll();
		// A newer job moves the newest seen past the old ones: they leave the known ids.
		await submitImages(handle, 1);
		expect((await trigger.poll()).emitted).toBe(false);
		const known = imageMemory(trigger.nodeStaticData).known;
		expect(Object.keys(known)).not.toEqual(expect.arrayContaining(old));

		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('budget postpone: jobs whose download could not start within the poll budget fire at the next poll, once', async () => {
		const trigger = activate(handle, { options: { download: true } }, 1_000);
		await trigger.poll();
		const ids = await submitImages(handle, 3);
		for (const id of ids) finish(handle, id);
		// The first download takes past the downloads' share of the budget (80 %).
		handle.fake.failNext({ origin: 'storage' }, { kind: 'delay', ms: 900 });

		const first = await trigger.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(1);
		const next = await trigger.poll();
		expect([...firedIds(first.items), ...firedIds(next.items)].sort()).toEqual([...ids].sort());
		expect(next.items.every((item) => item.binary?.data)).toBe(true);
		expect((await trigger.poll()).emitted).toBe(false);
	});

	describe('memory bound', () => {
		const limits = { ...memoryLimits };
		afterEach(() => Object.assign(memoryLimits, limits));

		it('keeps known ids only near the newest job, watched jobs only for a day and at most the newest few', async () => {
			memoryLimits.maxPending = 2;
			const [oldDone] = await submitImages(handle, 1);
			finish(handle, oldDone);
			createdAgo(handle, oldDone, 10 * MINUTE);
			const running = await submitImages(handle, 4);
			createdAgo(handle, running[0], 25 * HOUR);
			createdAgo(handle, running[1], 3 * MINUTE);
			createdAgo(handle, running[2], 2 * MINUTE);
			createdAgo(handle, running[3], 1 * MINUTE);
			const trigger = activate(handle);
			await trigger.poll();

			const memory = imageMemory(trigger.nodeStaticData);
			expect(Object.keys(memory.known)).not.toContain(oldDone);
			expect(Object.keys(memory.pending).sort()).toEqual([running[2], running[3]].sort());
		});
	});
});
