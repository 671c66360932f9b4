import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as file from './actions/file';
import * as image from './actions/image';
import * as music from './actions/music';
import { router } from './actions/router';

export class RawUgc implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RawUGC',
		name: 'rawUgc',
		icon: { light: 'file:rawugc.svg', dark: 'file:rawugc.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: "Generate and edit images with Google's nano banana models on RawUGC, as binary data",
		defaults: { name: 'RawUGC' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'rawUgcApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Image', value: 'image' },
					{ name: 'File', value: 'file' },
					{ name: 'Music', value: 'music' },
				],
				default: 'image',
			},
			...image.description,
			...file.description,
			...music.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
