import type { INodeProperties } from 'n8n-workflow';

/** Parameters Generate and Get share: whether to wait, and what to do with the result. */
export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Image',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until the image is ready and download it. Off: output the job as it is now (imageId, status) and collect it later with Image > Get.',
};

export function jobOptionsCollection({ withMaxCredits }: { withMaxCredits: boolean }): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Binary Property Name',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: 'Name of the binary field the image is put in, for the next node to use',
		},
		{
			displayName: 'Download Image',
			name: 'download',
			type: 'boolean',
			default: true,
			description: 'Whether to download the image as binary data. Off: output its URL only.',
		},
		{
			displayName: 'Max Wait Time (Seconds)',
			name: 'maxWaitTime',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description:
				'How long to wait for the image (and for the rate limit) before giving up. A job still running then is not lost: its imageId is in the error, to collect with Get.',
		},
	];
	if (withMaxCredits) {
		options.splice(1, 0, {
			displayName: 'Max Credits',
			name: 'maxCredits',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 40,
			description:
				'The most credits this execution may spend (Nano Banana 2 costs 4 an image, Edit 2). Items past it are refused before they are submitted.',
		});
	}
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}
