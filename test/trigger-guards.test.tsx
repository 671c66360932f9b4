/**
 * RawUGC Trigger (Job Finished): the guards a mutation audit found no test for. Each test here
 * failed once with its guard changed (the commit names the change). Through n8n-core's
 * PollContext (test/engine/pollTrigger.tsx) against the fake on real sockets; list pages are
 * made small so a few jobs fill several.
 */
import { listLimits } from '../nodes/RawUgcTrigger/poll/listing';
import { memoryLimits, OVERLAP_MS } from '../nodes/RawUgcTrigger/poll/memory';
import { withFake } from './support/fake';
import { finish, putImageJob, submitImages } from './support/jobs';
import {
	activateImageTrigger as activate,
	createdAgo,
	createdAt,
	createdAtOf,
	finishedAgo,
	finishedSpreadOut,
	firedIds,
	imageMemory,
	listedBelow,
	listPagesSince,
	MINUTE,
} from './support/triggerJobs';

const HOUR = 60 * MINUTE;

/** Pages of 3; at most `maxPages` a poll. */
function limitPages(maxPages: number): void {
	Object.assign(listLimits, { pageSize: 3, maxPages });
}

function keepLimits(): void {
	const limits = { ...listLimits };
	const kept = { ...memoryLimits };
	afterEach(() => {
		Object.assign(listLimits, limits);
		Object.assign(memoryLimits, kept);
	});
}

describe('RawUGC Trigger: order of the items', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it('items come in the order the jobs finished, not the order they were made', async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [a, b, c] = await submitImages(handle, 3);
		[a, b, c].forEach((id, n) => createdAgo(handle, id, 50_000 - n * 5_000));
		finishedAgo(handle, c, 30_000);
		finishedAgo(handle, a, 20_000);
		finishedAgo(handle, b, 10_000);

		const fired = await trigger.poll();

		expect(fired.items.map((item) => item.json.imageId)).toEqual([c, a, b]);
	});
});

describe('RawUGC Trigger: activation', () => {
	const handle = withFake({ jobDurationMs: HOUR });

	it("a workflow created active (mode 'create') with static data from before starts afresh, like an activation", async () => {
		const trigger = activate(handle);
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);

		const created = trigger.reactivate('create');
		expect((await created.poll()).emitted).toBe(false);
		const [later] = await submitImages(handle, 1);
		finish(handle, later);
		expect(firedIds((await created.poll()).items)).toEqual([later]);
	});
});

describe('RawUGC Trigger: what a cut-short listing leaves is read later, each job once', () => {
	const handle = withFake({ jobDurationMs: HOUR });
	keepLimits();

	it('a job made in the same millisecond as the last one the cut poll read fires at the next poll', async () => {
		limitPages(2);
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 8);
		// Pages 1 and 2 end at ids[2]; ids[1], first of page 3, shares its time.
		createdAt(handle, ids[1], createdAtOf(handle, ids[2]));

		expect(firedIds((await trigger.poll()).items)).toEqual(ids.slice(2).sort());
		expect(firedIds((await trigger.poll()).items)).toEqual(ids.slice(0, 2).sort());
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('once the unread stretch is read, later polls read the first page only', async () => {
		limitPages(2);
		const trigger = activate(handle);
		await trigger.poll();
		await finishedSpreadOut(handle, 8);
		await trigger.poll(); // cut after 2 pages
		await trigger.poll(); // reads on at page 3

		const before = handle.fake.apiRequests().length;
		expect((await trigger.poll()).emitted).toBe(false);
		expect(listPagesSince(handle, before)).toEqual(['1']);
		expect(imageMemory(trigger.nodeStaticData).gaps).toEqual([]);
	});

	it('reading on goes to where the unread jobs are now, moved down by the jobs made since', async () => {
		limitPages(2);
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 8);
		await trigger.poll(); // fires ids[2..7]; ids[0] and ids[1] are on page 3
		const newer = await submitImages(handle, 3);
		for (const id of newer) finish(handle, id);
		limitPages(3);

		const before = handle.fake.apiRequests().length;
		const fired = await trigger.poll();

		expect(listPagesSince(handle, before)).toEqual(['1', '2', '4']);
		expect(firedIds(fired.items)).toEqual([...newer, ids[0], ids[1]].sort());
	});

	it('more than a page of new jobs above an unread stretch: every one fires at that poll', async () => {
		limitPages(2);
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 8);
		await trigger.poll(); // fires ids[2..7]
		const newer = await submitImages(handle, 5);
		for (const id of newer) finish(handle, id);
		limitPages(10);

		const fired = await trigger.poll();

		expect(firedIds(fired.items)).toEqual([...newer, ids[0], ids[1]].sort());
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('reading on never jumps over a watched job: it fires at the first poll after it finished', async () => {
		limitPages(2);
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 9);
		const watched = ids[4];
		handle.fake.store.findAny(watched)!.job.durationMs = 2 * HOUR; // still running, on page 2
		expect(firedIds((await trigger.poll()).items)).toEqual([ids[3], ids[5], ids[6], ids[7], ids[8]].sort());
		finish(handle, watched);
		limitPages(10);

		const fired = await trigger.poll();

		expect(firedIds(fired.items)).toEqual([watched, ids[0], ids[1], ids[2]].sort());
	});

	it('a late job made a minute before the newest seen, listed in its place below a cut, fires when the stretch is read', async () => {
		limitPages(2);
		const [before] = await submitImages(handle, 1);
		finish(handle, before);
		createdAgo(handle, before, 30 * MINUTE);
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await finishedSpreadOut(handle, 8);
		// RawUGC saw it late: made a minute before the newest job the last poll saw, listed by its time.
		const late = putImageJob(handle, { createdAt: createdAtOf(handle, before) - OVERLAP_MS }).imageId;
		listedBelow(handle, late, before);

		expect(firedIds((await trigger.poll()).items)).toEqual(ids.slice(2).sort()); // cut after 2 pages
		limitPages(10);
		expect(firedIds((await trigger.poll()).items)).toEqual([ids[0], ids[1], late].sort());
	});

	it('two unread stretches of two pages each: one poll with room reads both whole, each job once', async () => {
		limitPages(2);
		const trigger = activate(handle);
		await trigger.poll();
		const older = await finishedSpreadOut(handle, 10, 40 * MINUTE);
		await trigger.poll(); // cut: older[0..3] unread
		const newer = await finishedSpreadOut(handle, 10);
		await trigger.poll(); // cut: newer[0..3] unread
		limitPages(10);

		const fired = await trigger.poll();

		expect(firedIds(fired.items)).toEqual([...newer.slice(0, 4), ...older.slice(0, 4)].sort());
		expect((await trigger.poll()).emitted).toBe(false);
	});

	it('the memory keeps the newest unread stretches when it keeps fewer than there are', async () => {
		limitPages(2);
		memoryLimits.maxGaps = 1;
		const trigger = activate(handle);
		await trigger.poll();
		await finishedSpreadOut(handle, 8, 26 * MINUTE);
		await trigger.poll(); // an unread stretch of 2 jobs
		const newer = await finishedSpreadOut(handle, 8);
		await trigger.poll(); // another, newer one: the older is dropped
		limitPages(10);

		const fired = await trigger.poll();

		expect(firedIds(fired.items)).toEqual(newer.slice(0, 2).sort());
	});
});

describe('RawUGC Trigger: the list order is learned, not assumed', () => {
	const handle = withFake({ jobDurationMs: HOUR, listOrder: 'interleaved' });
	keepLimits();

	it('pages each newest first but out of order with each other: a new job on a later page still fires', async () => {
		limitPages(10);
		// 6 jobs in pages of 3: [5, 3, 1 | 4, 2, 0], each page newest first, the second newer than the first's end.
		await finishedSpreadOut(handle, 6);
		const trigger = activate(handle);
		expect((await trigger.poll()).emitted).toBe(false);
		const newer = await submitImages(handle, 2);
		for (const id of newer) finish(handle, id);

		const fired = await trigger.poll();

		expect(firedIds(fired.items)).toEqual([...newer].sort());
	});
});

describe('RawUGC Trigger: a newest-first list', () => {
	const handle = withFake({ jobDurationMs: HOUR });
	keepLimits();

	/** Activation over 6 finished jobs (30 to 25 minutes old): two pages, so the order is learned. */
	async function activatedOverTwoPages() {
		limitPages(10);
		const old = await submitImages(handle, 6);
		old.forEach((id, n) => {
			finish(handle, id);
			createdAgo(handle, id, (30 - n) * MINUTE);
		});
		const trigger = activate(handle);
		await trigger.poll();
		expect(imageMemory(trigger.nodeStaticData).listOrder).toBe('newestFirst');
		return trigger;
	}

	/** A job made 10 minutes ago, still running, seen so by a poll. */
	async function watchedTenMinutesOld(trigger: Awaited<ReturnType<typeof activatedOverTwoPages>>): Promise<string> {
		const [id] = await submitImages(handle, 1);
		createdAgo(handle, id, 10 * MINUTE);
		await trigger.poll();
		return id;
	}

	it('a watched job older than the newest minute is still looked for, behind a page of newer jobs', async () => {
		const trigger = await activatedOverTwoPages();
		const slow = await watchedTenMinutesOld(trigger);
		const newer = await finishedSpreadOut(handle, 3);
		expect(firedIds((await trigger.poll()).items)).toEqual([...newer].sort());
		finish(handle, slow);

		expect(firedIds((await trigger.poll()).items)).toEqual([slow]);
	});

	it('a watched job that was deleted is no longer watched: later polls read the first page only', async () => {
		const trigger = await activatedOverTwoPages();
		const deleted = await watchedTenMinutesOld(trigger);
		const newer = await finishedSpreadOut(handle, 4);
		handle.fake.jobs.delete(deleted);
		expect(firedIds((await trigger.poll()).items)).toEqual([...newer].sort());
		expect(Object.keys(imageMemory(trigger.nodeStaticData).pending)).toEqual([]);

		const before = handle.fake.apiRequests().length;
		await trigger.poll();
		expect(listPagesSince(handle, before)).toEqual(['1']);
	});

	it('a job listed on top though made up to a minute before the newest seen (a late insert) fires, and the order stays known', async () => {
		const trigger = await activatedOverTwoPages();
		const newestMs = imageMemory(trigger.nodeStaticData).newestMs;
		const late = putImageJob(handle, { createdAt: newestMs - OVERLAP_MS }).imageId;
		const tooOld = putImageJob(handle, { createdAt: newestMs - OVERLAP_MS - 1 }).imageId;

		const before = handle.fake.apiRequests().length;
		const fired = await trigger.poll();

		expect(firedIds(fired.items)).toEqual([late]);
		expect(firedIds(fired.items)).not.toContain(tooOld);
		expect(listPagesSince(handle, before)).toEqual(['1']);
		expect(imageMemory(trigger.nodeStaticData).listOrder).toBe('newestFirst');
	});
});

describe('RawUGC Trigger: the memory stays bounded', () => {
	const handle = withFake({ jobDurationMs: HOUR });
	keepLimits();

	it('keeps at most so many of the jobs dealt with in the last minute, the newest', async () => {
		memoryLimits.maxKnown = 2;
		const trigger = activate(handle);
		await trigger.poll();
		const ids = await submitImages(handle, 4);
		ids.forEach((id, n) => {
			finish(handle, id);
			createdAgo(handle, id, 40_000 - n * 10_000);
		});
		expect(firedIds((await trigger.poll()).items)).toEqual([...ids].sort());

		expect(Object.keys(imageMemory(trigger.nodeStaticData).known).sort()).toEqual([ids[2], ids[3]].sort());
	});

	it('a job passed on without its file leaves no download count behind', async () => {
		const trigger = activate(handle, { options: { download: true } });
		await trigger.poll();
		const [id] = await submitImages(handle, 1);
		finish(handle, id);
		handle.fake.setStorageMode(id, 'notFound');
		await trigger.poll();
		expect(imageMemory(trigger.nodeStaticData).downloadTries).toEqual({ [id]: 1 });
		await trigger.poll();

		expect((await trigger.poll()).items.map((item) => item.json.imageId)).toEqual([id]);
		expect(imageMemory(trigger.nodeStaticData).downloadTries).toEqual({});
		handle.fake.setStorageMode(id, 'ok');
	});
});
