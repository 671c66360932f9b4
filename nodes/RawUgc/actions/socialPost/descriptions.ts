import type { INodeProperties } from 'n8n-workflow';

import { POST } from '../../kinds/post';

/** The accounts to post to: loaded from RawUGC (active ones), or ids from an expression. */
export function accountIdsField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Account Names or IDs',
		name: 'accountIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSocialAccounts' },
		default: [],
		description:
			'The connected accounts to post to (TikTok, Instagram, YouTube). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		...overrides,
	};
}

export const postIdField: INodeProperties = {
	displayName: 'Post ID',
	name: 'postId',
	type: 'string',
	default: '',
	required: true,
	placeholder: `e.g. ${POST.idExample}`,
	description: 'The postId Social Post > Create gave',
};

export const timezoneDescription =
	'IANA time zone the time is read in, e.g. Europe/Berlin. Empty: the workflow’s time zone (Workflow Settings). A time with an offset or Z is that exact moment whatever this says.';

/** Whether to wait until the post is out, and for how long. */
export function waitFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Post',
			name: 'waitForCompletion',
			type: 'boolean',
			default: true,
			description:
				'Whether to wait until the post is published (output) or failed (an error with its postId). Off: output the post as it is now, and check it later with Social Post > Get.',
			displayOptions: { show },
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				{
					displayName: 'Max Wait Time (Seconds)',
					name: 'maxWaitTime',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 600,
					description: 'How long each item may take, counted from the start of the run. A post not out by then is not lost: its postId is in the error.',
				},
			],
		},
	];
}
