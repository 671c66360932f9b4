import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { Limiter } from '../../helpers/limiter';
import { errorItem } from '../../helpers/output';
import { inputError } from '../../helpers/parameters';
import { settle } from '../../helpers/settle';
import { UPLOAD_MIME_TYPES } from '../../schema';
import { RawUgcApi } from '../../transport/api';
import { checkBinary, uploadFile, type BinarySource } from '../../transport/upload';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		description:
			'Name of the incoming item\'s binary field to upload: a PNG, JPEG or WebP image, or an MP4, QuickTime or WebM video, up to 100 MB. Its public URL can go into Image URLs.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, properties);

// Uploads at once: each streams its file, and the API's pacing is shared anyway.
const PARALLEL_UPLOADS = 2;
// Uploads do not wait on jobs; this only bounds waiting out the rate limit.
const RATE_LIMIT_WAIT_MS = 600_000;

function sourceOf(ctx: IExecuteFunctions, itemIndex: number): BinarySource {
	const field = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!field) throw inputError(ctx, itemIndex, 'binaryPropertyName', 'must name a binary field');
	return { itemIndex, field, parameter: 'binaryPropertyName', accepted: UPLOAD_MIME_TYPES };
}

/**
 * Checks every item before anything is sent, then uploads them through the one paced API
 * client. Output keeps input order and pairing; with "Continue" a failed item becomes an
 * error item, otherwise the first failure (in input order) is thrown.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const outputs: Array<INodeExecutionData | undefined> = new Array(items.length);
	const sources: Array<BinarySource | undefined> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const checked = await settle(
			Promise.resolve().then(async () => {
				const source = sourceOf(this, itemIndex);
				await checkBinary(this, source);
				return source;
			}),
		);
		if (!checked.ok && !continueOnFail) throw checked.error as NodeOperationError;
		if (!checked.ok) outputs[itemIndex] = errorItem(checked.error, itemIndex);
		sources.push(checked.ok ? checked.value : undefined);
	}

	const api = await RawUgcApi.connect(this);
	const uploads = new Limiter(PARALLEL_UPLOADS);
	const deadlineMs = Date.now() + RATE_LIMIT_WAIT_MS;
	const failures: unknown[] = new Array(items.length);
	await Promise.all(
		sources.map(async (source, itemIndex) => {
			if (!source) return;
			const uploaded = await settle(uploads.run(async () => await uploadFile(this, api, source, deadlineMs)));
			if (uploaded.ok) {
				outputs[itemIndex] = { json: { ...uploaded.value }, pairedItem: { item: itemIndex } };
			} else {
				failures[itemIndex] = uploaded.error;
				outputs[itemIndex] = errorItem(uploaded.error, itemIndex);
			}
		}),
	);
	const firstFailure = failures.findIndex((failure) => failure !== undefined);
	if (firstFailure >= 0 && !continueOnFail) throw failures[firstFailure] as NodeOperationError;
	return outputs as INodeExecutionData[];
}
