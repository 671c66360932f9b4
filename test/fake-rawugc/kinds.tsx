/**
 * The three kinds of job as data: everything the generic routes, store, storage and control
 * endpoints need to know about images, videos and music. Behaviour that is more than a name
 * lives beside its kind (image-kind.tsx, videos.tsx, music.ts).
 */
import { IMAGE_BEHAVIOUR } from './image-kind';
import type { KindSpec } from './kind-spec';
import { MUSIC_BEHAVIOUR } from './music';
import type { KindName } from './types';
import { VIDEO_BEHAVIOUR } from './videos';

/** Checks a kind against its own request type, then hides that type from the generic code (which only passes requests on). */
function kind<K extends KindName, Request>(spec: KindSpec<K, Request>): KindSpec<K, never> {
	return spec as unknown as KindSpec<K, never>;
}

export const KINDS: { [K in KindName]: KindSpec<K, never> } = {
	image: kind({
		name: 'image',
		collection: 'images',
		noun: 'Image',
		idField: 'imageId',
		idPrefix: 'img_',
		listField: 'images',
		defaultLimit: 20,
		urlField: 'url',
		defaultEstimate: '10-30 seconds',
		legacyNames: { url: 'resultUrl' },
		...IMAGE_BEHAVIOUR,
	}),
	video: kind({
		name: 'video',
		collection: 'videos',
		noun: 'Video',
		idField: 'videoId',
		idPrefix: 'vid_',
		listField: 'videos',
		defaultLimit: 50,
		urlField: 'url',
		defaultEstimate: '1-3 minutes',
		legacyNames: { url: 'resultUrl' },
		...VIDEO_BEHAVIOUR,
	}),
	music: kind({
		name: 'music',
		collection: 'music',
		noun: 'Music track',
		idField: 'musicId',
		idPrefix: 'mus_',
		listField: 'tracks',
		defaultLimit: 20,
		urlField: 'audioUrl',
		defaultEstimate: '1-3 minutes',
		// The old audio field's name is unknown: resultUrl, like the other kinds' result.
		legacyNames: { audioUrl: 'resultUrl', albumArtUrl: 'imageUrl' },
		...MUSIC_BEHAVIOUR,
	}),
};

export const KIND_NAMES = Object.keys(KINDS) as KindName[];

/** The kind whose ids start like this one (legacy task_ ids belong to no single kind). */
export function kindOfId(id: string): KindName | undefined {
	return KIND_NAMES.find((name) => id.startsWith(KINDS[name].idPrefix));
}
