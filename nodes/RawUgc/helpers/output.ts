import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Job, JobKind } from '../kinds/kind';
import { jobId } from '../kinds/read';

type NodeError = NodeApiError | NodeOperationError;

/** The job's fields in the order a person reads them; anything else the API adds follows. */
export function jobJson(kind: JobKind, job: Job): IDataObject {
	const json: IDataObject = {};
	for (const key of kind.fieldOrder) if (job[key] !== undefined && job[key] !== null) json[key] = job[key] as IDataObject[string];
	for (const [key, value] of Object.entries(job)) if (!(key in json) && value !== undefined) json[key] = value as IDataObject[string];
	return json;
}

/** "imageId img_1": how messages name a job. */
export function jobLabel(kind: JobKind, job: Job): string {
	return `${kind.idField} ${jobId(kind, job)}`;
}

/** Marks an error as being about this job: its id and its last known state go in the context. */
export function tagWithJob(error: NodeError, kind: JobKind, job: Job): void {
	error.context[kind.idField] = jobId(kind, job);
	error.context.jobIdField = kind.idField;
	error.context.job = jobJson(kind, job);
}

/** An error about an existing job: its id is in the message and the context, always. */
export function jobError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	kind: JobKind,
	job: Job,
	message: string,
	description?: string,
): NodeOperationError {
	const error = new NodeOperationError(ctx.getNode(), `${message} (${jobLabel(kind, job)})`, { itemIndex, description });
	tagWithJob(error, kind, job);
	return error;
}

/** Makes sure an error raised after the job existed names it; API errors keep their type and httpCode. */
export function withJob(ctx: IExecuteFunctions, itemIndex: number, error: unknown, kind: JobKind, job: Job): NodeError {
	const label = jobLabel(kind, job);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (!error.message.includes(jobId(kind, job))) error.message = `${error.message} (${label})`;
		error.context.job ??= jobJson(kind, job);
		error.context[kind.idField] = jobId(kind, job);
		error.context.jobIdField = kind.idField;
		return error;
	}
	const message = ((error as Error)?.message ?? String(error)).replace(` (${label})`, '');
	return jobError(ctx, itemIndex, kind, job, message);
}

/** The item "On Error: Continue" passes on for a failed item. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const nodeError = error as NodeError;
	const json: IDataObject = { error: nodeError?.message ?? String(error) };
	if (nodeError?.description) json.description = nodeError.description;
	const context = nodeError?.context ?? {};
	const job = context.job as IDataObject | undefined;
	const idField = context.jobIdField as string | undefined;
	if (job) Object.assign(json, job, { error: json.error });
	else if (idField && context[idField]) json[idField] = context[idField] as string;
	return { json, pairedItem: { item: itemIndex } };
}
