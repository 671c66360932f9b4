import { ClaimedIds, Unanswered } from '../../helpers/answerClaims';
import { settlesBy } from '../../helpers/pause';
import type { Job } from '../../kinds/kind';
import { jobCreatedAtMs, jobId, readJob, readJobOrUndefined } from '../../kinds/read';
import { VIDEO } from '../../kinds/video';
import type { EditOperationName } from '../../kinds/videoEdits';
import type { RawUgcApi } from '../../transport/api';

// A version made a moment ago may carry a createdAt slightly before our clock's.
const CLOCK_SLACK_MS = 30_000;

/** New versions this process was answered with or adopted, so two lost edits never adopt the same one. */
const claimed = new ClaimedIds(1_000);
/** Edits of this process that left and are not answered yet: a lost one is looked for after them. */
const unanswered = new Unanswered();

export function claimVersion(id: string): void {
	claimed.claim(id);
}

/** Marks an edit as on its way until `answer` settles. */
export function trackUnanswered(answer: Promise<unknown>): void {
	unanswered.track(answer);
}

/** The video's edit history (`versions`), each read as a video job. */
export function versionsOf(video: Job): Job[] {
	const versions = Array.isArray(video.versions) ? (video.versions as unknown[]) : [];
	return versions.map((version) => readJobOrUndefined(VIDEO, version)).filter((version): version is Job => Boolean(version));
}

export interface LostEdit {
	sourceId: string;
	operation: EditOperationName;
	/** When the edit left, ms epoch. */
	sentAt: number;
	/** Versions the video had before the edit was sent. */
	knownIds: ReadonlySet<string>;
	itemIndex: number;
	deadlineMs: number;
}

/**
 * The version a lost edit made, if the video's history shows one: the same operation, created
 * since the edit left, not there before, not claimed by another edit of this process. The
 * other edits of this process still on their way go first (their answers claim their
 * versions), but not past the item's deadline or a cancel: while one is unanswered, a new
 * version could be its, so none is taken.
 */
export async function findLostEdit(api: RawUgcApi, lost: LostEdit): Promise<Job | undefined> {
	if (!(await settlesBy(unanswered.settled(), lost.deadlineMs, api.signal))) return undefined;
	const source = readJob(
		VIDEO,
		await api.request({
			method: 'GET',
			path: `${VIDEO.path}/${encodeURIComponent(lost.sourceId)}`,
			what: 'looking for the edited video',
			context: { itemIndex: lost.itemIndex, job: { idField: VIDEO.idField, id: lost.sourceId, noun: VIDEO.noun } },
			deadlineMs: lost.deadlineMs,
		}),
	);
	const since = lost.sentAt - CLOCK_SLACK_MS;
	const distance = (version: Job) => Math.abs((jobCreatedAtMs(version) ?? lost.sentAt) - lost.sentAt);
	const [found] = versionsOf(source)
		.filter((version) => {
			const id = jobId(VIDEO, version);
			return (
				!lost.knownIds.has(id) &&
				!claimed.has(id) &&
				version.operation === lost.operation &&
				(jobCreatedAtMs(version) ?? lost.sentAt) >= since
			);
		})
		.sort((a, b) => distance(a) - distance(b));
	if (found) claimVersion(jobId(VIDEO, found));
	return found;
}
