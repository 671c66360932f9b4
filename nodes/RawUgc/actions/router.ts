import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as file from './file';
import * as image from './image';
import * as video from './video';
import * as music from './music';
import * as socialAccount from './socialAccount';
import * as socialPost from './socialPost';
import { recordOperations } from './records';
import * as research from './research';
import * as viralVideo from './viralVideo';

type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, { execute: Operation }>> = {
	image: { generate: image.generate, get: image.get, getMany: image.getMany },
	file: { upload: file.upload },
	video: {
		addCaptions: video.addCaptions,
		addOverlay: video.addOverlay,
		generate: video.generate,
		get: video.get,
		getMany: video.getMany,
	},
	music: { generate: music.generate, get: music.get, getMany: music.getMany },
	socialAccount: { getMany: socialAccount.getMany, sync: socialAccount.sync, delete: socialAccount.delete },
	socialPost: {
		create: socialPost.create,
		get: socialPost.get,
		getMany: socialPost.getMany,
		update: socialPost.update,
		reschedule: socialPost.reschedule,
		publish: socialPost.publish,
		delete: socialPost.delete,
	},
	research: {
		analyzeVideo: research.analyzeVideo,
		createContentPlan: research.createContentPlan,
		getManyContentPlans: research.getManyContentPlans,
		scrapeTiktok: research.scrapeTiktok,
	},
	viralVideo: { get: viralVideo.get, search: viralVideo.search },
	...recordOperations,
};

/**
 * Picks the operation and hands it every item at once: operations run their items together
 * (one rate-limit budget, jobs awaited side by side) and return them in input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation]?.execute;
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await run.call(this, items)];
}
