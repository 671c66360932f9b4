/**
 * Social posts benchmark (issue 20), figures not assertions, through the real engine against the
 * fake RawUGC in its own process: 20 posts published now and waited for, at RawUGC's real rate
 * limit of 10 requests a minute. The fake publishes each post `PUBLISH_DELAY_MS` after its create
 * (`BENCH_POSTS_AT_ONCE=1`: in the create's answer). Targets: at most 1.2 API calls per post, no 429.
 * The bound: request k (from 0) can go at floor(k / 10) x 60 s at the earliest; the 20 creates go
 * first, then at least one list look that sees the last post out.
 *
 * Run: `npm run bench -- posts`.
 */
import { runRawUgc } from '../test/engine/runRawUgc';
import { startFakeProcess } from './fakeProcess';

const LIMIT = 10;
const WINDOW_MS = 60_000;
const POSTS = 20;
const PUBLISH_DELAY_MS = 20_000;
const TARGET_CALLS_PER_POST = 1.2;

const slot = (k: number) => Math.floor(k / LIMIT) * WINDOW_MS;

export async function runPostsBench(): Promise<void> {
	const atOnce = process.env.BENCH_POSTS_AT_ONCE === '1';
	const fake = await startFakeProcess({
		rateLimit: { limit: LIMIT, windowMs: WINDOW_MS },
		social: { nowPublishes: atOnce ? 'atOnce' : 'later', publishDelayMs: PUBLISH_DELAY_MS },
	});
	try {
		const startedAt = Date.now();
		const run = await runRawUgc({
			parameters: {
				resource: 'socialPost',
				operation: 'create',
				accountIds: ['acc_tiktok_1', 'acc_insta_1'],
				mode: 'now',
				videoUrl: 'https://storage.rawugc.com/videos/bench.mp4',
				content: '={{ "Bench post " + $json.n }}',
				options: { maxWaitTime: 900 },
			},
			credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl },
			items: Array.from({ length: POSTS }, (_, n) => ({ json: { n } })),
		});
		const wallMs = Date.now() - startedAt;
		if (run.error) throw run.error;
		const stats = await fake.stats();
		const published = run.items.filter((item) => item.json.status === 'published' && !item.json.error).length;
		const perPost = stats.apiCalls / POSTS;
		// The creates take slots 0..19; a look after them takes slot 20 at the earliest.
	const boundMs = atOnce ? slot(POSTS - 1) : Math.max(slot(POSTS), slot(POSTS - 1) + PUBLISH_DELAY_MS);
		const met = perPost <= TARGET_CALLS_PER_POST && stats.rateLimited === 0;
		const how = atOnce ? 'published in the create answer' : `published ${PUBLISH_DELAY_MS / 1000} s after the create`;
		console.log(`\nSocial posts: ${POSTS} posts now (${how}), waited for, rate limit ${LIMIT} per ${WINDOW_MS / 1000} s`);
		console.log(
			`  published ${published}/${POSTS} | API calls ${stats.apiCalls} (${perPost.toFixed(2)} per post) | 429s ${stats.rateLimited} | ` +
				`wall ${(wallMs / 1000).toFixed(1)} s | bound ${(boundMs / 1000).toFixed(1)} s | ` +
				`targets (<= ${TARGET_CALLS_PER_POST} calls per post, no 429): ${met ? 'met' : 'NOT met'}`,
		);
		console.log(`  calls by route: ${JSON.stringify(stats.byRoute)}`);
	} finally {
		await fake.stop();
	}
}
