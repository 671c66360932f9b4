import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Job } from '../schema';

type NodeError = NodeApiError | NodeOperationError;

/** The fields of a job in the order a person reads them; anything else the API adds follows. */
const JOB_FIELD_ORDER = [
	'imageId', 'status', 'model', 'prompt', 'url', 'imageSize', 'resolution', 'outputFormat',
	'creditsUsed', 'newBalance', 'estimatedCompletionTime', 'createdAt', 'completedAt', 'failCode', 'failMessage',
];

export function jobJson(job: Job): IDataObject {
	const json: IDataObject = {};
	for (const key of JOB_FIELD_ORDER) if (job[key] !== undefined && job[key] !== null) json[key] = job[key] as IDataObject[string];
	for (const [key, value] of Object.entries(job)) if (!(key in json) && value !== undefined) json[key] = value as IDataObject[string];
	return json;
}

/** An error about an existing job: its imageId is in the message and the context, always. */
export function jobError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	job: Job,
	message: string,
	description?: string,
): NodeOperationError {
	const error = new NodeOperationError(ctx.getNode(), `${message} (imageId ${job.imageId})`, { itemIndex, description });
	error.context.imageId = job.imageId;
	error.context.job = jobJson(job);
	return error;
}

/** Makes sure an error raised after the job existed names it. */
export function withJob(ctx: IExecuteFunctions, itemIndex: number, error: unknown, job: Job): NodeError {
	if ((error instanceof NodeApiError || error instanceof NodeOperationError) && error.context.imageId === job.imageId) {
		error.context.job ??= jobJson(job);
		return error;
	}
	const message = ((error as Error)?.message ?? String(error)).replace(` (imageId ${job.imageId})`, '');
	return jobError(ctx, itemIndex, job, message, (error as NodeError)?.description ?? undefined);
}

/** The item "On Error: Continue" passes on for a failed item. */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const nodeError = error as NodeError;
	const json: IDataObject = { error: nodeError?.message ?? String(error) };
	if (nodeError?.description) json.description = nodeError.description;
	const job = nodeError?.context?.job as IDataObject | undefined;
	if (job) Object.assign(json, job, { error: json.error });
	else if (nodeError?.context?.imageId) json.imageId = nodeError.context.imageId as string;
	return { json, pairedItem: { item: itemIndex } };
}
