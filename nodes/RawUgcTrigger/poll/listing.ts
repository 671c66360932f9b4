import type { Job, JobKind } from '../../RawUgc/kinds/kind';
import { jobCreatedAtMs, jobId, readJobPage } from '../../RawUgc/kinds/read';
import type { RawUgcApi } from '../../RawUgc/transport/api';
import { walkPages, type Page } from '../../RawUgc/transport/pager';
import { listingCutoff, OVERLAP_MS, type Gap, type KindMemory, type ListOrder } from './memory';

/** Page size and page cap of one poll's list calls (tests lower them). */
export const listLimits = { pageSize: 100, maxPages: 10 };

/** A stretch of creation times (ms) in which every job was listed: strictly between `fromMs` and `toMs`. */
export interface Covered {
	fromMs: number;
	toMs: number;
}

export interface Listing {
	/** The jobs seen, each once, in the order listed. */
	jobs: Job[];
	/** Where the listing is complete. */
	covered: Covered[];
	/** The order this listing showed: `newestFirst` (two pages in a row were, or it was known so and stayed so), `disordered`, or undefined (cannot tell). */
	order?: ListOrder;
	/** What stays unseen of what the poll wanted, with where to pick it up (newest first). */
	unseen: Gap[];
}

const createdAt = (job: Job) => jobCreatedAtMs(job);

/**
 * The page keeps the newest-first order, within itself and after the page read just before it
 * (if its predecessor). A job listed up to the overlap out of place (a late insert) is borne, as
 * the overlap bears it at the newest edge.
 */
function keepsOrder(page: Page<Job>, before: Page<Job> | undefined): boolean {
	const times = page.entries.map(createdAt).filter((at): at is number => at !== undefined);
	if (before && before.number + 1 === page.number) times.unshift(oldestOn(before));
	return times.every((at, n) => n === 0 || at <= times[n - 1] + OVERLAP_MS);
}

function oldestOn(page: Page<Job>): number {
	return Math.min(...page.entries.map((job) => createdAt(job) ?? Infinity));
}

function newestOn(page: Page<Job>): number {
	return Math.max(...page.entries.map((job) => createdAt(job) ?? -Infinity));
}

/** Where a gap's first unseen job is now: its position then, moved down by the jobs added since. */
function pageOf(gap: Gap, total: number | undefined): number | undefined {
	if (gap.index === undefined || gap.total === undefined || total === undefined) return undefined;
	return Math.floor(Math.max(0, gap.index + total - gap.total) / listLimits.pageSize) + 1;
}

/**
 * The stop rule of a poll whose list is newest first: read down to what the poll still needs
 * (the jobs since the last poll, those it watches, the gaps earlier polls could not read), and
 * jump over stretches already read to the page where a gap begins now (new jobs come on top, so
 * it moved down by as many as the list's total grew). `jumps` records which gap each jump was for.
 */
function newestFirstRule(memory: KindMemory | undefined, jumps: Map<number, Gap>) {
	if (!memory) return () => 'stop' as const; // an activation records the newest page only
	const windowStartMs = memory.newestMs - OVERLAP_MS;
	const gaps = [...memory.gaps].sort((a, b) => b.toMs - a.toMs);
	const needMs = Math.min(listingCutoff(memory), ...gaps.map((gap) => gap.fromMs));
	const pending = Object.values(memory.pending);
	return (page: Page<Job>): 'stop' | 'next' | { page: number } => {
		const oldest = oldestOn(page);
		if (oldest < needMs) return 'stop';
		if (oldest >= windowStartMs) return 'next';
		// The newest gap reaching below this page, unless a watched job lies between (it must be
		// seen). Inside a gap (or at its top) its page is this one or above: reading goes on.
		const gap = gaps.find((candidate) => candidate.fromMs < oldest);
		if (!gap || pending.some((at) => at > gap.toMs && at < oldest)) return 'next';
		const target = pageOf(gap, page.total);
		if (target === undefined || target <= page.number + 1) return 'next';
		jumps.set(target, gap);
		return { page: target };
	};
}

/** The consecutive pages read (a jump starts a new run). */
function runsOf(pages: Array<Page<Job>>): Array<Array<Page<Job>>> {
	const runs: Array<Array<Page<Job>>> = [];
	for (const page of pages) {
		const run = runs[runs.length - 1];
		if (run && run[run.length - 1].number + 1 === page.number) run.push(page);
		else runs.push([page]);
	}
	return runs;
}

/**
 * Lists one kind's jobs for a poll, page after page through the key's pacer, within the page cap
 * and the deadline. The list's order is not documented: once two pages in a row were newest
 * first (and none was not), the poll reads only what it needs; until then, or once a page was
 * not, it reads every page it can and takes only a whole list as complete. What a cut-short
 * listing did not reach is returned as `unseen`, so the memory keeps it for a later poll.
 */
export async function listForPoll(
	api: RawUgcApi,
	kind: JobKind,
	memory: KindMemory | undefined,
	deadlineMs: number,
): Promise<Listing> {
	let newestFirst = memory?.listOrder !== 'disordered';
	let known = memory?.listOrder === 'newestFirst';
	let before: Page<Job> | undefined;
	const jumps = new Map<number, Gap>();
	const rule = newestFirstRule(memory, jumps);
	const walk = await walkPages(api, {
		path: kind.path,
		pageSize: listLimits.pageSize,
		what: `listing ${kind.noun}s`,
		read: (body) => readJobPage(kind, body),
		maxPages: listLimits.maxPages,
		deadlineMs,
		stop: (page) => {
			newestFirst &&= keepsOrder(page, before);
			known ||= newestFirst && before !== undefined && before.number + 1 === page.number;
			before = page;
			// Stopping early or skipping is safe only in a known order: else read on.
			return newestFirst && known ? rule(page) : 'next';
		},
	});
	const order: ListOrder | undefined = !newestFirst ? 'disordered' : known ? 'newestFirst' : undefined;

	const jobs: Job[] = [];
	const ids = new Set<string>();
	for (const job of walk.pages.flatMap((page) => page.entries)) {
		// A job created while paging pushes the others down: the next page repeats one.
		if (ids.has(jobId(kind, job))) continue;
		ids.add(jobId(kind, job));
		jobs.push(job);
	}
	const complete = walk.ended === 'end' && walk.pages[0].number === 1 && runsOf(walk.pages).length === 1;
	const covered = complete
		? [{ fromMs: -Infinity, toMs: Infinity }]
		: order === 'newestFirst'
			? coveredByRuns(walk.pages, walk.ended, jumps)
			: [];
	return { jobs, covered, order, unseen: unseenAfter(memory, covered, walk.pages) };
}

/**
 * In a newest-first list, each run of pages covers the times between its first and its last job;
 * a run a jump began covers from the top of the gap it was for (its first page is where the gap
 * begins).
 */
function coveredByRuns(pages: Array<Page<Job>>, ended: string, jumps: Map<number, Gap>): Covered[] {
	return runsOf(pages).map((run, n, runs) => {
		const isLast = n === runs.length - 1;
		const first = run[0].number;
		return {
			fromMs: isLast && ended === 'end' ? -Infinity : oldestOn(run[run.length - 1]),
			toMs: first === 1 ? Infinity : Math.max(newestOn(run[0]), jumps.get(first)?.toMs ?? -Infinity),
		};
	});
}

/**
 * What the poll wanted and did not read: the stretch since the last poll and the old gaps, less
 * what was covered. A piece cut at the bottom of a run is picked up where that run stopped.
 */
function unseenAfter(memory: KindMemory | undefined, covered: Covered[], pages: Array<Page<Job>>): Gap[] {
	if (!memory) return [];
	// Watched jobs are known by id: only the stretch since the last poll and the old gaps are wanted by time.
	const wanted: Gap[] = [{ fromMs: memory.newestMs - OVERLAP_MS, toMs: Number.MAX_SAFE_INTEGER }, ...memory.gaps];
	let pieces = wanted;
	for (const stretch of covered) pieces = pieces.flatMap((gap) => subtract(gap, stretch));
	const runs = runsOf(pages);
	return pieces.map((piece) => {
		// A piece a run stopped above (cut short, or left by a jump) begins just after that run.
		const above = runs.find((run) => oldestOn(run[run.length - 1]) === piece.toMs);
		if (!above) return piece;
		const lastPage = above[above.length - 1];
		return { ...piece, index: lastPage.number * listLimits.pageSize, total: lastPage.total };
	});
}

/** A gap less a covered stretch: what is left of it (its ends stay in, the known ids guard them). */
function subtract(gap: Gap, stretch: Covered): Gap[] {
	if (stretch.toMs <= gap.fromMs || stretch.fromMs >= gap.toMs) return [gap];
	const left: Gap[] = [];
	if (stretch.fromMs >= gap.fromMs) left.push({ ...gap, toMs: stretch.fromMs });
	if (stretch.toMs < gap.toMs) left.push({ ...gap, fromMs: stretch.toMs, index: undefined, total: undefined });
	return left;
}
