/**
 * Paid research, answered synchronously (the answer is the result, and it cannot be read again):
 * POST /scrape-tiktok (3 credits), POST /content-plans (3), POST /analyze-video (1), and the
 * free GET /content-plans (each plan's planId, scrapeId, brief and createdAt only).
 */
import { FieldChecks } from './fields';
import { type Answer, jsonAnswer } from './http-util';
import type { RouteContext } from './route-context';

export const RESEARCH_CREDITS = { scrape: 3, plan: 3, analysis: 1 } as const;

export interface FakeScrape {
	scrapeId: string;
	query: string;
	mode: string;
	videos: Array<Record<string, unknown>>;
}

export interface FakePlanSummary {
	planId: string;
	scrapeId: string;
	brief: string;
	createdAt: number;
}

/** Scrapes and plans made so far; analyses are only counted. */
export class ResearchStore {
	readonly scrapes = new Map<string, FakeScrape>();
	readonly plans: FakePlanSummary[] = [];
	analyses = 0;
	private counter = 0;

	nextId(prefix: string): string {
		this.counter++;
		return `${prefix}_${Date.now().toString(36)}${this.counter.toString(36).padStart(4, '0')}`;
	}

	clear(): void {
		this.scrapes.clear();
		this.plans.length = 0;
		this.analyses = 0;
	}
}

function scrapedVideo(query: string, n: number): Record<string, unknown> {
	const id = `7${String(3000000000000000000 + n * 7919).slice(1)}`;
	return {
		id,
		url: `https://www.tiktok.com/@creator${n}/video/${id}`,
		author: `creator${n}`,
		description: `${query} idea #${n + 1}`,
		stats: { views: 100_000 - n * 1000, likes: 9000 - n * 100, comments: 300 - n, shares: 120 - n },
		duration: 15 + n,
		hashtags: [query.replace(/\s+/g, '').toLowerCase(), 'ugc'],
		thumbnail: `https://p16.tiktokcdn.com/thumb/${id}.jpg`,
		videoUrl: `https://v16.tiktokcdn.com/video/${id}.mp4`,
	};
}

function scrape(context: RouteContext): Answer {
	const check = context.bodyChecks();
	if (!(check instanceof FieldChecks)) return check;
	check.onlyKnown(['query', 'mode', 'limit']);
	check.string('query', { required: true, min: 1, max: 500 });
	check.enumOf('mode', ['keyword', 'hashtag', 'search']);
	check.number('limit', 1, 10, true);
	const result = check.result<{ query: string; mode?: string; limit?: number }>();
	if (!result.ok) return context.invalid(result.errors);
	const refused = context.charge(RESEARCH_CREDITS.scrape);
	if (refused) return refused;
	const { query, mode = 'keyword', limit = 10 } = result.value;
	const { research } = context.fake;
	const scrapeId = research.nextId('scr');
	const videos = Array.from({ length: limit }, (_, n) => scrapedVideo(query, n));
	research.scrapes.set(scrapeId, { scrapeId, query, mode, videos });
	return jsonAnswer(200, { scrapeId, count: videos.length, videos }, context.headers);
}

function createPlan(context: RouteContext): Answer {
	const check = context.bodyChecks();
	if (!(check instanceof FieldChecks)) return check;
	check.onlyKnown(['scrapeId', 'brief']);
	check.string('scrapeId', { required: true, min: 1, max: 200 });
	check.string('brief', { required: true, min: 1, max: 5000 });
	const result = check.result<{ scrapeId: string; brief: string }>();
	if (!result.ok) return context.invalid(result.errors);
	const { research } = context.fake;
	const scraped = research.scrapes.get(result.value.scrapeId);
	if (!scraped) return context.fail(404, 'not_found', `Scrape ${result.value.scrapeId} was not found.`);
	const refused = context.charge(RESEARCH_CREDITS.plan);
	if (refused) return refused;
	const summary: FakePlanSummary = { planId: research.nextId('plan'), scrapeId: scraped.scrapeId, brief: result.value.brief, createdAt: Date.now() };
	research.plans.push(summary);
	const idea = (n: number) => ({
		hook: `POV: you finally tried ${scraped.query} (${n})`,
		openingShot: 'Close-up of the product in hand',
		contentOutline: 'Problem, first try, the result, a reaction',
		cta: 'Link in bio',
	});
	return jsonAnswer(
		200,
		{
			...summary,
			topWins: [`Hooks that name ${scraped.query} in the first second`],
			gapsToTest: ['Side-by-side comparisons'],
			blueprints: [
				{ category: 'Testimonial', strategy: 'A real reaction', evidence: [scraped.videos[0]?.url], contentIdeas: [idea(1), idea(2)] },
			],
		},
		context.headers,
	);
}

function analyze(context: RouteContext): Answer {
	const check = context.bodyChecks();
	if (!(check instanceof FieldChecks)) return check;
	check.onlyKnown(['videoUrl', 'prompt']);
	check.string('videoUrl', { required: true, min: 1, max: 2000 });
	check.string('prompt', { max: 5000 });
	const result = check.result<{ videoUrl: string; prompt?: string }>();
	if (!result.ok) return context.invalid(result.errors);
	const refused = context.charge(RESEARCH_CREDITS.analysis);
	if (refused) return refused;
	context.fake.research.analyses++;
	return jsonAnswer(200, fakeAnalysis(result.value.videoUrl, result.value.prompt), context.headers);
}

/** An analysis as POST /analyze-video answers it (also the viral library's `analysis`). */
export function fakeAnalysis(videoUrl: string, prompt?: string): Record<string, unknown> {
	return {
		summary: `A creator shows the product (${videoUrl})${prompt ? `; asked: ${prompt}` : ''}`,
		hook: 'Holds the product to the lens in the first second',
		keyframes: [
			{ timestamp: 0, type: 'hook', description: 'Product to the lens', visual: 'close-up', audio: 'voice', text: 'wait for it' },
			{ timestamp: 4.5, type: 'demo', description: 'Uses it', visual: 'mid shot', audio: 'music', text: '' },
		],
		durationSeconds: 21,
		tags: ['ugc', 'demo'],
		whyItPerformed: 'A fast hook and a visible result',
		attributesToCopy: ['Hook in the first second'],
		hooksToTest: ['I did not expect this'],
	};
}

/** The research routes, or undefined when the path is not one of them. */
export function researchRoute(context: RouteContext, parts: string[]): Answer | undefined {
	if (parts.length !== 1) return undefined;
	const method = context.record.method;
	const only = (allowed: string, handler: () => Answer) =>
		method === allowed ? handler() : context.fail(405, 'method_not_allowed', `${method} is not allowed here.`);
	if (parts[0] === 'scrape-tiktok') return only('POST', () => scrape(context));
	if (parts[0] === 'analyze-video') return only('POST', () => analyze(context));
	if (parts[0] !== 'content-plans') return undefined;
	if (method === 'POST') return createPlan(context);
	const plans = [...context.fake.research.plans].reverse();
	return only('GET', () => jsonAnswer(200, { plans, count: plans.length }, context.headers));
}
