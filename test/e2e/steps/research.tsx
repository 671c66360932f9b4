// Step 3e: Research (a content plan from a scrape) and the brand library (a product) through `n8n execute`.
import { check, type E2eContext } from '../lib/context';
import { executeWorkflow, nodeOutput } from '../lib/n8n';
import { productCreate, RAWUGC_NODE_NAME, RESEARCH_PLAN_NODE_NAME, researchPlan } from '../workflows';
import { importAll } from './workflows';

/** A 1x1 PNG: the product's photo. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** What n8n said, for a failed check: its stderr first (the stdout tail is the run's JSON). */
const said = (result: { stdout: string; stderr: string }) =>
	`--- n8n stderr (tail) ---\n${result.stderr.slice(-4000)}\n--- n8n stdout (tail) ---\n${result.stdout.slice(-2000)}`;

export async function runResearchChecks(context: E2eContext): Promise<void> {
	const fake = context.fake!;
	const photoUrl = await fake.upload(PHOTO, 'image/png', 'serum.png');
	const product = productCreate(photoUrl);
	await importAll(context, [researchPlan, product]);

	const planRun = await executeWorkflow(context.setup, researchPlan.id);
	check(planRun.succeeded && planRun.run, `research plan: n8n execute did not succeed (exit ${planRun.result.code}, run status ${String(planRun.run?.status)})`, said(planRun.result));
	const [scrape] = nodeOutput(planRun.run, RAWUGC_NODE_NAME);
	const plans = nodeOutput(planRun.run, RESEARCH_PLAN_NODE_NAME);
	check(typeof scrape?.json.scrapeId === 'string' && scrape.json.count === 3, 'research plan: the scrape item lacks scrapeId or count 3', scrape?.json);
	check(plans.length === 1 && typeof plans[0].json.planId === 'string', 'research plan: expected one plan with a planId', plans.map((item) => item.json));
	check(plans[0].json.scrapeId === scrape.json.scrapeId && Array.isArray(plans[0].json.blueprints), 'research plan: the plan is not of the scrape, or has no blueprints', plans[0].json);
	const sent = (await fake.requests('api')).filter((request) => request.method === 'POST' && request.path.endsWith('/content-plans'));
	const ours = sent.filter((request) => request.bodyText?.includes(String(scrape.json.scrapeId)));
	check(ours.length === 1, `research plan: expected one POST /content-plans for ${String(scrape.json.scrapeId)}, got ${ours.length}`, ours);
	console.log(`    research: scrape ${String(scrape.json.scrapeId)} -> plan ${String(plans[0].json.planId)}, one POST`);

	const productRun = await executeWorkflow(context.setup, product.id);
	check(productRun.succeeded && productRun.run, `product: n8n execute did not succeed (exit ${productRun.result.code}, run status ${String(productRun.run?.status)})`, said(productRun.result));
	const [created] = nodeOutput(productRun.run, RAWUGC_NODE_NAME);
	check(typeof created?.json.id === 'string' && created.json.name === 'Glow Serum', 'product: the output lacks id or name', created?.json);
	const stored = await fetch(`${fake.baseUrl}/products/${String(created.json.id)}`, { headers: { Authorization: `Bearer ${fake.apiKey}` } });
	const record = (await stored.json()) as { name?: string; photos?: string[]; description?: string };
	check(stored.ok && record.name === 'Glow Serum' && record.photos?.[0] === photoUrl && record.description === 'A vitamin C serum', 'product: the fake does not hold the product as sent', record);
	console.log(`    product: ${String(created.json.id)} with its photo, as sent`);
}
