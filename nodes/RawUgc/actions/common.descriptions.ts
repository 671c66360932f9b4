import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { JobKind } from '../kinds/kind';

/** Parameters Generate and Get share: whether to wait, and what to do with the result. */
export function waitForCompletionField(kind: JobKind): INodeProperties {
	return {
		displayName: `Wait for ${kind.title}`,
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: `Whether to wait until the ${kind.noun} is ready and download it. Off: output the job as it is now (${kind.idField}, status) and collect it later with ${kind.title} > Get.`,
	};
}

export interface JobOptionsSettings {
	withMaxCredits: boolean;
	/** What Max Credits says about prices. */
	creditsNote?: string;
}

export function jobOptionsCollection(kind: JobKind, settings: JobOptionsSettings): INodeProperties {
	const { noun, defaultMaxWaitS } = kind;
	const options: INodeProperties[] = [
		{
			displayName: 'Binary Property Name',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			description: `Name of the binary field the ${noun} is put in, for the next node to use`,
		},
		{
			displayName: `Download ${kind.title}`,
			name: 'download',
			type: 'boolean',
			default: true,
			description: `Whether to download the ${noun} as binary data. Off: output its URL only.`,
		},
		...(kind.extraFiles ?? []).map(
			(extra): INodeProperties => ({
				displayName: extra.displayName,
				name: extra.option,
				type: 'boolean',
				default: false,
				description: `Whether to download the ${extra.noun} too, into the binary field "${extra.binaryPropertyName}"`,
			}),
		),
		{
			displayName: 'Max Wait Time (Seconds)',
			name: 'maxWaitTime',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: defaultMaxWaitS,
			description: `How long each item may take, counted from the start of the run: uploads, the submit, waits for the rate limit and the wait for the ${noun} all fit in it (downloading a finished ${noun} does not count). A job still running then is not lost: its ${kind.idField} is in the error, to collect with Get.`,
		},
	];
	if (settings.withMaxCredits) {
		options.splice(1, 0, {
			displayName: 'Max Credits',
			name: 'maxCredits',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 40,
			description: `The most credits this execution may spend${settings.creditsNote ? ` (${settings.creditsNote})` : ''}. Items past it are refused before they are submitted.`,
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

/** A resource's Operation parameter: its operations, the first listed by default unless said. */
export function operationProperty(resource: string, options: INodePropertyOptions[], defaultOperation = String(options[0].value)): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** Options > Max Credits of a paid call whose price is published. */
export function maxCreditsOption(noun: string, credits: number): INodeProperties {
	return {
		displayName: 'Max Credits',
		name: 'maxCredits',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: `The most credits this execution may spend (a ${noun} costs ${credits}). Items past it are refused before anything is sent.`,
	};
}

/** A required Query: what to look for, in the words the operation takes. */
export function queryProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Query', name: 'query', type: 'string', required: true, default: '', placeholder, description };
}

/** A whole number from 1 to `max` (a limit whose default is the API's own, not n8n's usual 50). */
export function boundedNumberProperty(displayName: string, name: string, max: number, fallback: number, description: string): INodeProperties {
	return { displayName, name, type: 'number', typeOptions: { minValue: 1, maxValue: max }, default: fallback, description };
}
