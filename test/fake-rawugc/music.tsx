/** Music: what differs from the other kinds (request, track fields, audio file and album art). */
import { FILE_FORMATS, resultSizeOf } from './files';
import { coreOf } from './job-core';
import type { KindSpec } from './kind-spec';
import { SAMPLE_TRACK_SECONDS } from './samples';
import type { FakeMusicJob } from './types';
import { type MusicRequest, validateMusic } from './validate-music';

export const MUSIC_CREDITS = 3;

export const MUSIC_BEHAVIOUR: Pick<KindSpec<'music', MusicRequest>, 'validate' | 'cost' | 'promptOf' | 'create' | 'fields' | 'files'> = {
	validate: (body) => validateMusic(body),
	cost: (_request, fake) => fake.musicCredits,
	promptOf: (request) => request.prompt,
	create(request, settings, fake) {
		const { id, ...core } = coreOf('mus_', request.prompt, settings);
		const caption = request.title ?? request.prompt;
		const artSample = settings.sampleMedia ? { caption, shape: '1:1' } : undefined;
		const job: FakeMusicJob = {
			musicId: id,
			...core,
			model: request.model ?? 'V5',
			format: fake.audioFormat,
			instrumental: request.instrumental ?? true,
			durationSeconds: settings.sampleMedia ? SAMPLE_TRACK_SECONDS : fake.musicDurationSeconds,
			art: { format: fake.albumArtFormat, size: resultSizeOf(fake.albumArtFormat, fake.albumArtBytes, artSample), ...(artSample ? { sample: artSample } : {}) },
		};
		if (settings.sampleMedia) job.sample = { caption };
		job.resultSize = resultSizeOf(job.format, settings.resultBytes, job.sample);
		if (request.title !== undefined) job.title = request.title;
		if (request.style !== undefined) job.style = request.style;
		return job;
	},
	fields(job, { status, fileUrl }) {
		if (status !== 'completed') return {};
		return {
			audioUrl: fileUrl('result'),
			albumArtUrl: fileUrl('art'),
			duration: job.durationSeconds,
			title: job.title ?? `Fake track ${job.musicId.slice(4, 10)}`,
		};
	},
	files: (job) => [
		{ role: 'result', name: `${job.musicId}.${FILE_FORMATS[job.format].ext}`, format: job.format, seedId: job.musicId, size: job.resultSize, sample: job.sample },
		{ role: 'art', name: `${job.musicId}-art.${FILE_FORMATS[job.art.format].ext}`, format: job.art.format, seedId: `${job.musicId}:art`, size: job.art.size, sample: job.art.sample },
	],
};
