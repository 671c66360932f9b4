// Debian's Chromium, headless, in a new empty profile, kept off the network but for the pages it opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM = process.env.RAWUGC_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface OpenBrowser {
	browser: BrowserContext;
	page: Page;
	/** Closes the browser and deletes its profile. */
	close(): Promise<void>;
}

export async function openChromium(viewport = { width: 1440, height: 900 }): Promise<OpenBrowser> {
	const profile = mkdtempSync(path.join(tmpdir(), 'rawugc-e2e-chromium-'));
	try {
		// Playwright wants the profile as launchPersistentContext's folder, not as --user-data-dir.
		const browser = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			viewport,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const page = browser.pages()[0] ?? (await browser.newPage());
		return {
			browser,
			page,
			async close() {
				await browser.close().catch(() => undefined);
				rmSync(profile, { recursive: true, force: true });
			},
		};
	} catch (error) {
		rmSync(profile, { recursive: true, force: true });
		throw error;
	}
}
