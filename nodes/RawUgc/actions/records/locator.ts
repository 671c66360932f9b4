import type { IExecuteFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { inputError } from '../../helpers/parameters';
import { wholeList } from '../../helpers/listLimit';
import type { RecordResource } from '../../library/record';
import { RawUgcApi } from '../../transport/api';

/** The name of a resource's list-search method: `searchProducts`. */
export const searchMethodOf = (record: RecordResource) => `search${record.title}Records`;

/** The id parameter as a resource locator: pick from a searchable list by name, or give an id. */
export function recordLocator(record: RecordResource, description: string): INodeProperties {
	return {
		displayName: record.title,
		name: record.idParameter,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${record.noun}...`,
				typeOptions: { searchListMethod: searchMethodOf(record), searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: `e.g. ${record.idExample}` },
		],
	};
}

/** The id a locator holds (either mode, or a plain id from an older workflow or an expression), checked. */
export function readLocatorId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, whereFrom: string): string {
	const raw = ctx.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!id) throw inputError(ctx, itemIndex, parameter, `is required: ${whereFrom}`);
	if (/[\s/?#]/.test(id)) throw inputError(ctx, itemIndex, parameter, `must be a single ID, got "${id}"`);
	return id;
}

export function readRecordId(ctx: IExecuteFunctions, record: RecordResource, itemIndex: number): string {
	return readLocatorId(ctx, itemIndex, record.idParameter, `pick a ${record.noun} from the list or give its ID`);
}

/** The list a locator shows: every record whose name holds the typed text, by name. */
export function recordSearch(record: RecordResource) {
	return async function search(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		const api = await RawUgcApi.connect(this);
		const records = await wholeList(api, { path: record.path, listField: record.listField, what: `listing the ${record.noun}s` });
		const wanted = (filter ?? '').trim().toLowerCase();
		const results = records
			.map((entry) => ({ name: String(entry[record.nameField] ?? entry._id), value: String(entry._id ?? '') }))
			.filter((entry) => entry.value !== '' && entry.name.toLowerCase().includes(wanted))
			.sort((a, b) => a.name.localeCompare(b.name));
		return { results };
	};
}
