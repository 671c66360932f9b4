import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { z } from 'zod';

import { RawUgcApi } from '../../transport/api';

const charactersSchema = z
	.object({
		characters: z
			.array(
				z
					.object({
						username: z.string(),
						displayName: z.string().optional(),
						description: z.string().optional(),
						isActive: z.boolean().optional(),
					})
					.passthrough(),
			)
			.default([]),
	})
	.passthrough();

/** The Character list of Video > Generate: active characters by display name (the value sent is the username), and None. */
export async function getCharacters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const api = await RawUgcApi.connect(this);
	const body = await api.request({ method: 'GET', path: '/characters', what: 'listing the characters' });
	const { characters } = charactersSchema.parse(body ?? {});
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
