import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { RawUgcApi } from '../../transport/api';
import { entriesOf, readListPage, walkPages } from '../../transport/pager';

const charactersSchema = z.array(
	z
		.object({
			username: z.string(),
			displayName: z.string().optional(),
			description: z.string().optional(),
			isActive: z.boolean().optional(),
		})
		.passthrough(),
);

/** The Character list of Video > Generate: active characters by display name (the value sent is the username), and None. */
export async function getCharacters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const api = await RawUgcApi.connect(this);
	// Unpaginated ({ characters, count }): one page.
	const walk = await walkPages(api, { path: '/characters', pageParam: false, what: 'listing the characters', read: readListPage('characters') });
	const characters = charactersSchema.parse(entriesOf(walk));
	const active = characters
		.filter((character) => character.isActive !== false)
		.map((character) => ({
			name: character.displayName || character.username,
			value: character.username,
			description: character.description || character.username,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return [{ name: 'None', value: '', description: 'No character' }, ...active];
}
