// Step 4: n8n's editor in headless Chromium: the node's panel by model, screenshots, and the credential test.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Page } from 'playwright-core';

import { openChromium, type OpenBrowser } from '../lib/chromium';
import { check, CheckFailed, type E2eContext } from '../lib/context';
import { type RunningN8n } from '../lib/n8n';
import { N8nRest, OWNER } from '../lib/n8n-rest';
import { CREDENTIAL, CREDENTIAL_TYPE, NODE_TYPE, textToVideo } from '../workflows';

const TEXT_TO_IMAGE_FIELDS = ['prompt', 'aspectRatio', 'resolution', 'googleSearch'];
const EDIT_ONLY_FIELDS = ['imageSize'];
const TEXT_TO_IMAGE_ONLY_FIELDS = ['aspectRatio', 'resolution', 'googleSearch'];
/** Video > Generate: every model-dependent parameter, and what each model shows of them (node-contract.md). */
const VIDEO_FIELDS = ['prompt', 'imageUrls', 'inputBinaryFields', 'videoUrls', 'inputVideoBinaryField', 'orientation', 'nFrames', 'aspectRatio', 'characterOrientation', 'mode', 'selectedCharacter'];
const VIDEO_IMAGES = ['imageUrls', 'inputBinaryFields'];
// `height`: a taller window for the screenshot, so a long panel shows all its parameters.
const VIDEO_PANELS: Array<{ model: string; fields: string[]; screenshot?: string; height?: number }> = [
	{ model: 'sora-2-text-to-video', fields: ['prompt', 'orientation', 'nFrames', 'selectedCharacter'], screenshot: 'panel-video-sora.png' },
	{ model: 'sora-2-image-to-video', fields: ['prompt', ...VIDEO_IMAGES, 'orientation', 'nFrames', 'selectedCharacter'] },
	{ model: 'veo3', fields: ['prompt', ...VIDEO_IMAGES, 'aspectRatio', 'selectedCharacter'] },
	{ model: 'veo3_fast', fields: ['prompt', ...VIDEO_IMAGES, 'aspectRatio', 'selectedCharacter'] },
	{
		model: 'kling-2.6/motion-control',
		fields: ['prompt', ...VIDEO_IMAGES, 'videoUrls', 'inputVideoBinaryField', 'characterOrientation', 'mode', 'selectedCharacter'],
		screenshot: 'panel-video-kling.png',
		height: 1180,
	},
];

interface NodeTypeDescription {
	name: string;
	version: number | number[];
	properties: Array<{ name: string; options?: Array<{ name: string; value: unknown }> }>;
}

/** The node types the running n8n knows, as its editor loads them. */
async function knownNodeTypes(rest: N8nRest): Promise<NodeTypeDescription[]> {
	const answer = await rest.request('GET', '/types/nodes.json');
	check(answer.status === 200 && Array.isArray(answer.json), `/types/nodes.json answered ${answer.status}`);
	return answer.json as NodeTypeDescription[];
}

async function checkExamplesUseKnownTypes(rest: N8nRest, known: Set<string>, exampleIds: string[]): Promise<void> {
	for (const id of exampleIds) {
		const answer = await rest.request('GET', `/rest/workflows/${id}`);
		check(answer.status === 200, `example workflow ${id} is not in n8n (${answer.status})`, answer.text.slice(0, 1000));
		const nodes = ((answer.json as { data: { nodes: Array<{ name: string; type: string }> } }).data.nodes) ?? [];
		const unknown = nodes.filter((node) => !known.has(node.type));
		check(unknown.length === 0, `example workflow ${id} holds node types this n8n does not know`, unknown);
		console.log(`    example ${id}: ${nodes.length} nodes, all types known`);
	}
}

/** Which of `names` have a parameter input in the open node panel. */
async function visibleParameters(page: Page, names: string[]): Promise<string[]> {
	const shown: string[] = [];
	for (const name of names) {
		const input = page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`).first();
		if (await input.isVisible().catch(() => false)) shown.push(name);
	}
	return shown;
}

async function openNodePanel(page: Page, baseUrl: string, workflowId: string, nodeName: string): Promise<void> {
	await page.goto(new URL(`/workflow/${workflowId}`, baseUrl).toString());
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`).first();
	await node.waitFor({ state: 'visible', timeout: 60_000 });
	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 30_000 });
	await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-prompt"]').first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function logIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(new URL('/signin', baseUrl).toString());
	await fillSignIn(page, OWNER.email, OWNER.password);
}

/** Fills n8n's sign-in form and waits to leave it. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(email);
	await page.locator('input[type="password"]').first().fill(password);
	await page.locator('[data-test-id="form-submit-button"], button[type="submit"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

async function selectModel(page: Page, optionLabel: string): Promise<void> {
	await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-model"]').first().click();
	// An option's accessible name also holds its description, so match on the label text it contains.
	await page.getByRole('option').filter({ hasText: optionLabel }).first().click();
	// Let the closing dropdown finish fading, so the screenshot shows the panel alone.
	await page.getByRole('option').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

async function checkPanels(context: E2eContext, page: Page, baseUrl: string, nodeType: NodeTypeDescription): Promise<void> {
	const modelOptions = nodeType.properties.find((property) => property.name === 'model')?.options ?? [];
	const editLabel = modelOptions.find((option) => option.value === 'google/nano-banana-edit')?.name;
	check(editLabel, 'the node description has no google/nano-banana-edit model option', modelOptions);
	await logIn(page, baseUrl);
	await openNodePanel(page, baseUrl, context.editorWorkflowId!, 'RawUGC');

	const textToImageShown = await visibleParameters(page, [...TEXT_TO_IMAGE_FIELDS, ...EDIT_ONLY_FIELDS]);
	const docsImages = path.join(context.repo, 'docs', 'images');
	mkdirSync(docsImages, { recursive: true });
	await page.screenshot({ path: path.join(docsImages, 'panel-text-to-image.png') });
	check(
		TEXT_TO_IMAGE_FIELDS.every((name) => textToImageShown.includes(name)) && !textToImageShown.includes('imageSize'),
		`nano-banana-2 panel shows [${textToImageShown.join(', ')}]; expected ${TEXT_TO_IMAGE_FIELDS.join(', ')} and no imageSize`,
	);
	console.log(`    nano-banana-2 panel shows ${textToImageShown.join(', ')}`);

	await selectModel(page, editLabel);
	await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-imageSize"]').first().waitFor({ state: 'visible', timeout: 15_000 });
	const editShown = await visibleParameters(page, [...TEXT_TO_IMAGE_FIELDS, ...EDIT_ONLY_FIELDS]);
	await page.screenshot({ path: path.join(docsImages, 'panel-edit.png') });
	const leftOver = TEXT_TO_IMAGE_ONLY_FIELDS.filter((name) => editShown.includes(name));
	check(
		editShown.includes('imageSize') && editShown.includes('prompt') && leftOver.length === 0,
		`edit panel shows [${editShown.join(', ')}]; expected imageSize and prompt, none of ${TEXT_TO_IMAGE_ONLY_FIELDS.join(', ')}`,
	);
	console.log(`    ${editLabel} panel shows ${editShown.join(', ')}; screenshots in docs/images/`);
}

/** Picks the option labelled exactly `label` ("Veo 3" must not pick "Veo 3 Fast"). */
async function selectModelExactly(page: Page, label: string): Promise<void> {
	await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-model"]').first().click();
	await page.getByRole('option').filter({ has: page.getByText(label, { exact: true }) }).first().click();
	await page.getByRole('option').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/** The panel's video parameters once they match `expected`, or as they are after 15 s (the check reports them). */
async function settledVideoParameters(page: Page, expected: string[]): Promise<string[]> {
	const wanted = [...expected].sort().join(',');
	let shown: string[] = [];
	for (let attempt = 0; attempt < 60; attempt++) {
		shown = await visibleParameters(page, VIDEO_FIELDS);
		if ([...shown].sort().join(',') === wanted) break;
		await page.waitForTimeout(250);
	}
	return shown;
}

/** The panel with the pointer off its fields (no hover controls), optionally in a taller window. */
async function screenshotPanel(page: Page, file: string, height?: number): Promise<void> {
	const viewport = page.viewportSize();
	await page.mouse.move(5, 5);
	if (height && viewport) await page.setViewportSize({ width: viewport.width, height });
	await page.waitForTimeout(500);
	await page.screenshot({ path: file });
	if (height && viewport) await page.setViewportSize(viewport);
}

/** Video > Generate: each of the five models shows exactly its parameters; README screenshots of two. */
async function checkVideoPanels(context: E2eContext, page: Page, baseUrl: string, nodeType: NodeTypeDescription): Promise<void> {
	const videoModel = nodeType.properties.find(
		(property) => property.name === 'model' && property.options?.some((option) => option.value === 'sora-2-text-to-video'),
	);
	check(videoModel, 'the node description has no video model parameter with sora-2-text-to-video', nodeType.properties.map((p) => p.name));
	await openNodePanel(page, baseUrl, textToVideo.id, 'RawUGC');
	const docsImages = path.join(context.repo, 'docs', 'images');
	mkdirSync(docsImages, { recursive: true });
	for (const [index, panel] of VIDEO_PANELS.entries()) {
		const label = videoModel.options?.find((option) => option.value === panel.model)?.name;
		check(label, `the video model parameter has no option ${panel.model}`, videoModel.options);
		// The workflow opens on Sora 2 text to video; every later model is picked in the panel.
		if (index > 0) await selectModelExactly(page, label);
		const shownValue = await page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-model"] input').first().inputValue();
		check(shownValue === label, `video model shows "${shownValue}", expected "${label}"`);
		const shown = await settledVideoParameters(page, panel.fields);
		if (panel.screenshot) await screenshotPanel(page, path.join(docsImages, panel.screenshot), panel.height);
		const missing = panel.fields.filter((name) => !shown.includes(name));
		const extra = shown.filter((name) => !panel.fields.includes(name));
		check(
			missing.length === 0 && extra.length === 0,
			`video ${panel.model} panel shows [${shown.join(', ')}]; missing [${missing.join(', ')}], not expected [${extra.join(', ')}]`,
		);
		console.log(`    video ${panel.model} panel shows ${shown.join(', ')}${panel.screenshot ? `; docs/images/${panel.screenshot}` : ''}`);
	}
}

async function checkCredentialTest(context: E2eContext, rest: N8nRest): Promise<void> {
	const fake = context.fake!;
	const base = { id: CREDENTIAL.id, name: CREDENTIAL.name, type: CREDENTIAL_TYPE };
	const good = await rest.testCredential({ ...base, data: { apiKey: fake.apiKey, baseUrl: fake.baseUrl } });
	check(good.status === 'OK', `credential test with the fake's key: ${good.status} ${good.message ?? ''}`, good);
	const bad = await rest.testCredential({ ...base, data: { apiKey: 'rug_wrong_key', baseUrl: fake.baseUrl } });
	check(bad.status === 'Error', `credential test with a wrong key did not fail: ${bad.status} ${bad.message ?? ''}`, bad);
	check(!String(bad.message).includes('rug_wrong_key'), 'credential test error repeats the key', bad);
	check(String(bad.message).includes('RawUGC refused this API key'), 'credential test error does not say the key was refused', bad);
	console.log(`    credential test: OK with the fake's key; wrong key -> "${bad.message}"`);
}

/** In a running n8n (`n8n start`, its owner set up and `rest` logged in as it). */
export async function runBrowserChecks(context: E2eContext, exampleIds: string[], { n8n, baseUrl, rest }: RunningN8n): Promise<void> {
	check(context.editorWorkflowId, 'no workflow to open (step 3 did not import one)');
	let opened: OpenBrowser | undefined;
	let page: Page | undefined;
	try {
		const types = await knownNodeTypes(rest);
		const ours = types.find((type) => type.name === NODE_TYPE);
		check(ours, `n8n does not list node type ${NODE_TYPE}`, types.filter((type) => type.name.includes('rawugc')));
		await checkExamplesUseKnownTypes(rest, new Set(types.map((type) => type.name)), exampleIds);
		await checkCredentialTest(context, rest);

		opened = await openChromium();
		page = opened.page;
		await checkPanels(context, page, baseUrl, ours);
		await checkVideoPanels(context, page, baseUrl, ours);
	} catch (error) {
		if (page) {
			const shot = path.join(context.workDir, 'browser-failure.png');
			await page.screenshot({ path: shot }).catch(() => undefined);
			console.error(`    screenshot of the page at failure: ${shot} (url ${page.url()})`);
		}
		if (!(error instanceof CheckFailed)) {
			throw new CheckFailed((error as Error).message, `--- n8n start output (tail) ---\n${n8n.output().slice(-6000)}`);
		}
		throw error;
	} finally {
		await opened?.close();
	}
}
