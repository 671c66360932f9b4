import type { INodeProperties } from 'n8n-workflow';

import { inputError } from '../../helpers/parameters';
import { OVERLAY_POSITIONS, OVERLAY_TEXT_MAX_LENGTH, overlayRequestSchema } from '../../kinds/videoEdits';
import { videoEditOperation } from './edit';

const STYLE_FIELDS = ['fontSize', 'topBottomMargin', 'strokeThickness'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. 50% off this weekend only',
		description: `The text shown over the video (up to ${OVERLAY_TEXT_MAX_LENGTH} characters)`,
	},
	{
		displayName: 'Position',
		name: 'position',
		type: 'options',
		options: [
			{ name: 'RawUGC Default', value: '' },
			...OVERLAY_POSITIONS.map((position) => ({ name: position[0].toUpperCase() + position.slice(1), value: position })),
		],
		default: '',
		description: 'Where the text sits on the video',
	},
	{
		displayName: 'Overlay Style',
		name: 'overlayStyle',
		type: 'collection',
		placeholder: 'Add Style',
		default: {},
		description: 'Only the settings added here are sent; RawUGC chooses the others',
		options: [
			{
				displayName: 'Font Size',
				name: 'fontSize',
				type: 'number',
				typeOptions: { minValue: 8, maxValue: 200, numberPrecision: 0 },
				default: 48,
				description: 'Size of the text, 8 to 200',
			},
			{
				displayName: 'Stroke Thickness',
				name: 'strokeThickness',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 2,
				description: 'Thickness of the outline around the letters, 0 (none) to 10',
			},
			{
				displayName: 'Top/Bottom Margin',
				name: 'topBottomMargin',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 500, numberPrecision: 0 },
				default: 100,
				description: 'Distance of the text from the top or bottom edge, 0 to 500',
			},
		],
	},
];

/** `Video > Add Overlay`: a line of text over the video. */
export const addOverlay = videoEditOperation({
	nodeOperation: 'addOverlay',
	operation: 'overlay',
	adds: 'a text overlay',
	properties,
	readBody(ctx, itemIndex) {
		const candidate: Record<string, unknown> = { text: ctx.getNodeParameter('text', itemIndex, '') };
		const position = ctx.getNodeParameter('position', itemIndex, '') as unknown;
		if (position !== '' && position !== null && position !== undefined) candidate.position = position;
		const style = ctx.getNodeParameter('overlayStyle', itemIndex, {}) as unknown;
		if (style === null || typeof style !== 'object' || Array.isArray(style)) {
			throw inputError(ctx, itemIndex, 'overlayStyle', 'must be a set of style settings');
		}
		const styleValues = style as Record<string, unknown>;
		for (const field of Object.keys(styleValues)) {
			if (!(STYLE_FIELDS as readonly string[]).includes(field)) {
				throw inputError(ctx, itemIndex, `overlayStyle.${field}`, `is not a style setting (${STYLE_FIELDS.join(', ')})`);
			}
			if (styleValues[field] !== undefined && styleValues[field] !== null && styleValues[field] !== '') candidate[field] = styleValues[field];
		}
		const parsed = overlayRequestSchema.safeParse(candidate);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			const field = String(issue.path[0] ?? 'text');
			const name = (STYLE_FIELDS as readonly string[]).includes(field) ? `overlayStyle.${field}` : field;
			throw inputError(ctx, itemIndex, name, issue.message);
		}
		return parsed.data;
	},
});
