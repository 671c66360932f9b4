import type { RecordResource } from './record';

/** Characters (read-only here): the people a video may feature (Video > Generate's Character). */
export const CHARACTER: RecordResource = {
	name: 'character',
	title: 'Character',
	noun: 'character',
	path: '/characters',
	idParameter: 'characterId',
	listField: 'characters',
	nameField: 'displayName',
	idExample: '65f0c0ffee0000000000a001',
	filters: [
		{
			property: {
				displayName: 'Active Only',
				name: 'activeOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to return only the characters a video can use now',
			},
			keep: (record, activeOnly) => activeOnly !== true || record.isActive !== false,
		},
	],
};
