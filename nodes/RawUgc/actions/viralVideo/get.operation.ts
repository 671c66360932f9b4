import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeExecutionData, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { perItem, wholeList } from '../../helpers/listLimit';
import { RawUgcApi } from '../../transport/api';
import { readLocatorId } from '../records/locator';

export const SEARCH_METHOD = 'searchViralVideos';

const properties: INodeProperties[] = [
	{
		displayName: 'Viral Video',
		name: 'viralVideoId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The viral library video to get, with its analysis',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Type what you look for...',
				typeOptions: { searchListMethod: SEARCH_METHOD, searchable: true, searchFilterRequired: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. vv_0001' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['viralVideo'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = await RawUgcApi.connect(this);
	return await perItem(this, items, (itemIndex) => readLocatorId(this, itemIndex, 'viralVideoId', 'pick a video from the list or give its ID (Search gives it as id)'), async (id, itemIndex) => [
		await api.request<IDataObject>({
			method: 'GET',
			path: `/viral-library/videos/${encodeURIComponent(id)}`,
			what: 'getting the viral video',
			context: { itemIndex, job: { idField: 'viralVideoId', id, noun: 'viral video' } },
		}),
	]);
}

/** The locator's list: the library's search for the typed words (it needs some). */
export async function searchViralVideos(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const q = (filter ?? '').trim();
	if (!q) return { results: [] };
	const api = await RawUgcApi.connect(this);
	const found = await wholeList(api, { path: '/viral-library/search', listField: 'results', qs: { q, limit: 20 }, what: 'searching the viral library' });
	const results = found
		.map((result) => result.video as IDataObject | undefined)
		.filter((video): video is IDataObject => typeof video?.id === 'string')
		.map((video) => ({ name: `${String(video.description ?? video.id).slice(0, 80)} (@${String(video.username ?? '')})`, value: String(video.id), url: String(video.tiktokUrl ?? '') || undefined }));
	return { results };
}
