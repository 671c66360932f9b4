/** GET /characters and GET /characters/{id}: the characters a video's selectedCharacter may name. */
import type { FakeCharacter } from './types';

function character(id: string, username: string, displayName: string, type: FakeCharacter['type'], isActive: boolean): FakeCharacter {
	return {
		_id: id,
		username,
		displayName,
		description: `${displayName}, a fake RawUGC character.`,
		videoPreviewUrl: `https://storage.rawugc.com/characters/${username}.mp4`,
		type,
		isActive,
		createdAt: '2026-01-15T10:00:00.000Z',
		updatedAt: '2026-02-01T10:00:00.000Z',
	};
}

/** rawugc.mia (active), rawugc.leo (inactive: refused in selectedCharacter) and one user character. */
export const DEFAULT_CHARACTERS: readonly FakeCharacter[] = [
	character('65f0c0ffee0000000000a001', 'rawugc.mia', 'Mia', 'admin', true),
	character('65f0c0ffee0000000000a002', 'rawugc.leo', 'Leo', 'admin', false),
	character('65f0c0ffee0000000000b001', 'me.sam', 'Sam', 'user', true),
];

export function characterList(characters: readonly FakeCharacter[]): Record<string, unknown> {
	return {
		characters,
		count: characters.length,
		adminCount: characters.filter((entry) => entry.type === 'admin').length,
		userCount: characters.filter((entry) => entry.type === 'user').length,
	};
}

/** By `_id`, or by `username` too (which one the real API takes in the path is unknown). */
export function findCharacter(characters: readonly FakeCharacter[], id: string): FakeCharacter | undefined {
	return characters.find((entry) => entry._id === id || entry.username === id);
}
