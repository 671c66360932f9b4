/** Images: what differs from the other kinds (request, job fields, result file). */
import { resultSizeOf } from './files';
import { imageKindOf } from './images';
import { coreOf } from './job-core';
import type { KindSpec, NewJobSettings } from './kind-spec';
import type { FakeJob } from './types';
import { COST, type GenerateRequest, validateGenerate } from './validate';

const COPIED = ['imageUrls', 'aspectRatio', 'imageSize', 'resolution', 'googleSearch'] as const;

export function newImageJob(request: GenerateRequest, settings: NewJobSettings): FakeJob {
	const outputFormat = request.outputFormat ?? (request.model === 'nano-banana-2' ? 'jpg' : 'png');
	const { id, ...core } = coreOf('img_', request.prompt, settings);
	const sample = settings.sampleMedia ? { caption: request.prompt, shape: request.aspectRatio ?? request.imageSize } : undefined;
	const job: FakeJob = {
		imageId: id,
		...core,
		model: request.model,
		outputFormat,
		resultSize: resultSizeOf(imageKindOf(outputFormat), settings.resultBytes, sample),
		...(sample ? { sample } : {}),
	};
	for (const field of COPIED) {
		if (request[field] !== undefined) (job as unknown as Record<string, unknown>)[field] = request[field];
	}
	return job;
}

export const IMAGE_BEHAVIOUR: Pick<KindSpec<'image', GenerateRequest>, 'validate' | 'cost' | 'promptOf' | 'create' | 'fields' | 'files'> = {
	validate: (body) => validateGenerate(body),
	cost: (request) => COST[request.model],
	promptOf: (request) => request.prompt,
	create: newImageJob,
	fields(job, { status, fileUrl }) {
		const nanoBanana2 = job.model === 'nano-banana-2';
		return {
			...(status === 'completed' ? { url: fileUrl('result') } : {}),
			imageSize: nanoBanana2 ? (job.aspectRatio ?? 'auto') : (job.imageSize ?? 'auto'),
			resolution: nanoBanana2 ? (job.resolution ?? '1K') : null,
			outputFormat: job.outputFormat,
		};
	},
	files: (job) => [
		{ role: 'result', name: `${job.imageId}.${job.outputFormat}`, format: imageKindOf(job.outputFormat), seedId: job.imageId, size: job.resultSize, sample: job.sample },
	],
};
