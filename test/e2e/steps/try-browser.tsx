// What a person does after `npm start`: opens the printed link, logs in, lands on the Try workflow,
// clicks the big Execute button (its dropdown untouched), waits for the three RawUGC nodes, and
// opens each result with n8n's View: the picture decodes, the video and the track play (duration).
// Screenshots for the README go to docs/images/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

import type { Locator, Page } from 'playwright-core';

import { check } from '../lib/context';
import { fillSignIn } from './browser';

/** The Try workflow's RawUGC nodes, what View shows for each, and the screenshot of it. */
const RESULTS = [
	{ node: 'Generate an image', element: 'img', screenshot: 'try-result-image.png' },
	{ node: 'Generate a video', element: 'video', screenshot: 'try-result-video.png' },
	{ node: 'Generate a track', element: 'audio', screenshot: 'try-result-track.png' },
] as const;

export interface TryLogin {
	/** The link npm start printed. */
	link: string;
	email: string;
	password: string;
}

const canvasNode = (page: Page, name: string) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).first();

/** The media element in View's window, once it has loaded enough to know its size or duration. */
async function measureMedia(page: Page, element: 'img' | 'video' | 'audio'): Promise<{ width?: number; duration?: number; src: string }> {
	const media = page.locator(`.binary-data-window ${element}`).first();
	await media.waitFor({ state: 'attached', timeout: 30_000 });
	return await media.evaluate(async (node) => {
		// The page's <img>, <video> or <audio> (no DOM types in this project's TypeScript).
		const element = node as unknown as MediaLike;
		if (element.tagName === 'IMG') {
			await element.decode!().catch(() => undefined);
			return { width: element.naturalWidth, src: element.currentSrc };
		}
		if (!(element.readyState! >= 1)) {
			await new Promise<void>((resolve) => {
				element.addEventListener('loadedmetadata', () => resolve(), { once: true });
				element.addEventListener('error', () => resolve(), { once: true });
				setTimeout(resolve, 20_000);
			});
		}
		return { duration: Number.isFinite(element.duration) ? element.duration : -1, src: element.currentSrc };
	});
}

interface MediaLike {
	tagName: string;
	currentSrc: string;
	decode?(): Promise<void>;
	naturalWidth?: number;
	readyState?: number;
	duration?: number;
	addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
}

async function openResult(page: Page, nodeName: string): Promise<void> {
	await canvasNode(page, nodeName).dblclick();
	const ndv = page.locator('[data-test-id="ndv"]').first();
	await ndv.waitFor({ state: 'visible', timeout: 30_000 });
	const view = page.locator('[data-test-id="ndv-view-binary-data"]').first();
	if (!(await view.isVisible().catch(() => false))) {
		// The output shows JSON first when the item carries both; its Binary tab holds View.
		await page.locator('[data-test-id="ndv-output-panel"] [data-test-id="ndv-run-data-display-mode"]').getByText('Binary', { exact: true }).click();
	}
	await view.click();
	await page.locator('.binary-data-window').first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function closeResult(page: Page): Promise<void> {
	await page.locator('.binary-data-window-back').first().click();
	await page.locator('[data-test-id="ndv-close-button"], [data-test-id="ndv-close-modal"]').first().click().catch(() => page.keyboard.press('Escape'));
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden', timeout: 15_000 });
}

async function waitForLabel(page: Page, button: Locator, label: string): Promise<void> {
	for (let attempt = 0; attempt < 40; attempt++) {
		if ((await button.innerText().catch(() => '')).trim().replace(/\s+/g, ' ') === label) return;
		await page.waitForTimeout(250);
	}
}

/** The node panel's parameters (the prompt) and output (the result), without the input column. */
async function screenshotPanel(page: Page, file: string): Promise<void> {
	await page.mouse.move(5, 5);
	const box = await page.locator('[data-test-id="ndv"]').first().boundingBox();
	const clip = box ? { x: box.x + box.width * 0.34, y: box.y, width: box.width * 0.66, height: Math.min(box.height, 480) } : undefined;
	await page.screenshot({ path: file, clip });
}

export async function tryWorkflowInBrowser(page: Page, login: TryLogin, docsImages: string): Promise<string[]> {
	mkdirSync(docsImages, { recursive: true });
	const said: string[] = [];
	await page.goto(login.link);
	await fillSignIn(page, login.email, login.password);
	// Off the canvas-to-be (the pointer rests where the sign-in button was): no hover toolbars in the pictures.
	await page.mouse.move(300, 650);
	const workflowPath = new URL(login.link).pathname;
	await page.waitForURL((url) => url.pathname === workflowPath, { timeout: 60_000 }).catch(() => undefined);
	check(new URL(page.url()).pathname === workflowPath, `after logging in through ${login.link} the browser is at ${page.url()}`);
	for (const { node } of RESULTS) await canvasNode(page, node).waitFor({ state: 'visible', timeout: 60_000 });
	said.push(`logged in through the printed link and landed on ${workflowPath}`);

	const button = page.locator('[data-test-id="execute-workflow-button"]').first();
	const label = (await button.innerText()).trim().replace(/\s+/g, ' ');
	check(/^Execute workflow$/i.test(label), `the big Execute button reads "${label}" (it should run the manual trigger, not wait for a webhook)`);
	await page.waitForTimeout(500);
	await page.screenshot({ path: path.join(docsImages, 'try-workflow.png') });
	const clicked = Date.now();
	await button.click();
	for (const { node } of RESULTS) {
		await canvasNode(page, node).locator('[data-test-id="canvas-node-status-success"]').first().waitFor({ state: 'visible', timeout: 120_000 });
	}
	const seconds = ((Date.now() - clicked) / 1000).toFixed(1);
	// The button shows its label again once the run is over.
	await waitForLabel(page, button, label);
	await page.mouse.move(300, 650);
	await page.screenshot({ path: path.join(docsImages, 'try-run.png') });
	said.push(`clicked "${label}": ${RESULTS.map((result) => result.node).join(', ')} succeeded within ${seconds} s`);

	for (const result of RESULTS) {
		await openResult(page, result.node);
		const measured = await measureMedia(page, result.element);
		await page.waitForTimeout(result.element === 'img' ? 300 : 1500);
		await screenshotPanel(page, path.join(docsImages, result.screenshot));
		if (result.element === 'img') {
			// The deterministic test files are valid 1x1 images: a placeholder decodes too, but nobody sees it.
			check((measured.width ?? 0) >= 256, `${result.node}: View shows an image ${measured.width} px wide (none, or a placeholder)`, measured);
			said.push(`${result.node}: View shows a ${measured.width} px wide picture`);
		} else {
			check((measured.duration ?? 0) > 0, `${result.node}: View's <${result.element}> does not play (duration ${measured.duration})`, measured);
			said.push(`${result.node}: View's <${result.element}> plays, ${measured.duration?.toFixed(2)} s`);
		}
		await closeResult(page);
	}
	return said;
}
