/** Parameters and request readers for Research, the viral library and the brand library. */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeRawUgc, RecordedRequest } from '../fake-rawugc';

export function scrapeParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'research', operation: 'scrapeTiktok', query: 'vitamin c serum', mode: 'keyword', limit: 3, ...overrides };
}

export function planParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'research', operation: 'createContentPlan', brief: 'A serum for busy mornings: three TikTok ideas', ...overrides };
}

export function analysisParameters(overrides: INodeParameters = {}): INodeParameters {
	return { resource: 'research', operation: 'analyzeVideo', ...overrides };
}

/** API requests to a path below /api/v1 (and the method, if given), in arrival order. */
export function requestsTo(fake: FakeRawUgc, path: string, method?: string): RecordedRequest[] {
	return fake.apiRequests().filter((request) => request.path === `/api/v1${path}` && (!method || request.method === method));
}

/** The JSON bodies of the POSTs to a path below /api/v1. */
export function postedBodies(fake: FakeRawUgc, path: string): Array<Record<string, unknown>> {
	return requestsTo(fake, path, 'POST').map((request) => JSON.parse(request.body.toString('utf8')) as Record<string, unknown>);
}

/** Makes a scrape on the fake directly (not through the node); returns its scrapeId. */
export async function scrapeOnFake(fake: FakeRawUgc, query = 'serum'): Promise<string> {
	const response = await fetch(`${fake.baseUrl}/scrape-tiktok`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ query, limit: 2 }),
	});
	const scrapeId = ((await response.json()) as { scrapeId: string }).scrapeId;
	fake.requests.length = 0;
	return scrapeId;
}

/** Makes a content plan on the fake directly (another worker's, say); returns its planId. */
export async function planOnFake(fake: FakeRawUgc, scrapeId: string, brief: string): Promise<string> {
	const response = await fetch(`${fake.baseUrl}/content-plans`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${fake.apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ scrapeId, brief }),
	});
	const planId = ((await response.json()) as { planId: string }).planId;
	fake.requests.length = 0;
	return planId;
}
