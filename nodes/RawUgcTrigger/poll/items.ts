import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { jobJson } from '../../RawUgc/helpers/output';
import type { Job, JobKind } from '../../RawUgc/kinds/kind';
import { jobFileUrl, jobId } from '../../RawUgc/kinds/read';
import { settle } from '../../RawUgc/helpers/settle';
import { downloadResult } from '../../RawUgc/transport/download';

export interface ItemSettings {
	download: boolean;
	binaryPropertyName: string;
}

/** One output item: the job as Get gives it, plus its kind. */
export function jobItem(kind: JobKind, job: Job): INodeExecutionData {
	return { json: { ...jobJson(kind, job), kind: kind.name } };
}

export type ItemOutcome = { ok: true; item: INodeExecutionData } | { ok: false; item: INodeExecutionData; problem: string };

/**
 * The item of a finished job: a completed one carries its file as binary (streamed into n8n's
 * binary store and checked, as in the action node) when download is on; a failed one its
 * failCode and failMessage. A download that fails is reported, with the item it would have had.
 */
export async function finishedJobItem(
	ctx: IPollFunctions,
	kind: JobKind,
	job: Job,
	settings: ItemSettings,
	itemIndex: number,
): Promise<ItemOutcome> {
	const item = jobItem(kind, job);
	if (job.status !== 'completed' || !settings.download) return { ok: true, item };
	const url = jobFileUrl(kind, job);
	if (!url) return { ok: false, item, problem: `RawUGC gave no ${kind.urlField} for this completed ${kind.noun}` };
	const id = jobId(kind, job);
	const downloaded = await settle(
		downloadResult(ctx, { job: { idField: kind.idField, id }, noun: kind.noun, url, itemIndex, file: kind.file, fileStem: id }),
	);
	if (!downloaded.ok) return { ok: false, item, problem: (downloaded.error as Error).message };
	item.binary = { [settings.binaryPropertyName]: downloaded.value };
	return { ok: true, item };
}

/** A job whose file could not be had after several polls: passed on without it, saying why. */
export function withDownloadProblem(item: INodeExecutionData, problem: string): INodeExecutionData {
	const json: IDataObject = { ...item.json, error: problem };
	return { json };
}
