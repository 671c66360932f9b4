/** RawUGC's viral library (free): GET /viral-library/search and GET /viral-library/videos/{id}. */
import { type Answer, jsonAnswer } from './http-util';
import { fakeAnalysis } from './research';
import type { RouteContext } from './route-context';

export type ViralVideo = Record<string, unknown> & { id: string; description: string };

function viral(n: number, description: string, analysed: boolean): ViralVideo {
	const tiktokId = `73100000000000${String(n).padStart(5, '0')}`;
	const video: ViralVideo = {
		id: `vv_${String(n).padStart(4, '0')}`,
		tiktokId,
		tiktokUrl: `https://www.tiktok.com/@viral${n}/video/${tiktokId}`,
		username: `viral${n}`,
		description,
		stats: { views: 2_000_000 - n * 1000, likes: 150_000, comments: 2_100, shares: 9_000, saves: 12_000 },
		hashtags: description.toLowerCase().match(/[a-z]+/g)?.slice(0, 3) ?? [],
		soundName: 'original sound',
		duration: 20 + n,
		thumbnailUrl: `https://p16.tiktokcdn.com/viral/${tiktokId}.jpg`,
		playUrl: `https://v16.tiktokcdn.com/viral/${tiktokId}.mp4`,
	};
	if (analysed) video.analysis = { ...fakeAnalysis(String(video.tiktokUrl)), analyzedAt: '2026-02-20T09:00:00.000Z' };
	return video;
}

export const DEFAULT_VIRAL_VIDEOS: readonly ViralVideo[] = [
	viral(1, 'Skincare morning routine with a vitamin C serum', true),
	viral(2, 'Unboxing wireless earbuds on a morning run', true),
	viral(3, 'Protein coffee recipe for busy mornings', false),
];

const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/** Share of the query's words in the video's description, as a 0..1 score. */
function score(query: string, video: ViralVideo): number {
	const wanted = words(query);
	if (wanted.size === 0) return 0;
	const have = words(video.description);
	return Math.round(([...wanted].filter((word) => have.has(word)).length / wanted.size) * 1000) / 1000;
}

export function viralRoute(context: RouteContext, parts: string[]): Answer | undefined {
	if (parts[0] !== 'viral-library') return undefined;
	const { fake, record } = context;
	if (record.method !== 'GET') return context.fail(405, 'method_not_allowed', `${record.method} is not allowed here.`);
	if (parts.length === 2 && parts[1] === 'search') {
		const query = (record.query.q ?? '').trim();
		const limit = record.query.limit === undefined ? 20 : Number(record.query.limit);
		if (!query) return context.invalid({ q: ['Required'] });
		if (!Number.isInteger(limit) || limit < 1 || limit > 50) return context.invalid({ limit: ['Number must be between 1 and 50'] });
		const results = fake.viralVideos
			.map((video) => ({ video, score: score(query, video) }))
			.filter((result) => result.score > 0)
			.sort((a, b) => b.score - a.score)
			.slice(0, limit);
		return jsonAnswer(200, { results, query, total: results.length }, context.headers);
	}
	if (parts.length === 3 && parts[1] === 'videos') {
		const id = decodeURIComponent(parts[2]);
		const video = fake.viralVideos.find((entry) => entry.id === id);
		return video ? jsonAnswer(200, video, context.headers) : context.fail(404, 'not_found', `Viral video ${id} was not found.`);
	}
	return undefined;
}
