// Runs @n8n/scan-community-package's analyzePackage the way its analyzePackageByName does:
// SOURCE_FILE_PATTERNS on the source, compiled .js plus package.json on the published files.
// First a canary package that breaks the rules must fail, so a scanner that lints nothing
// cannot pass us.  Usage: scan.mjs <scanner folder> <repo> <extracted tarball> <scratch folder>
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [scannerDir, repo, tarballDir, canaryDir] = process.argv.slice(2);
const requireFromScanner = createRequire(path.join(scannerDir, 'package.json'));
// The scanner makes a temporary folder on import (for downloads this run does not do): remove it at exit.
requireFromScanner('tmp').setGracefulCleanup();
const scanner = await import(pathToFileURL(path.join(scannerDir, 'scanner', 'scanner.mjs')).href);
const glob = requireFromScanner('fast-glob');
const { version } = createRequire(import.meta.url)(path.join(scannerDir, 'package.json'));
// What analyzePackageByName lints in the downloaded tarball (not exported as a constant).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function makeCanary() {
	mkdirSync(path.join(canaryDir, 'nodes'), { recursive: true });
	writeFileSync(path.join(canaryDir, 'package.json'), JSON.stringify({ name: 'n8n-nodes-canary', version: '1.0.0' }));
	writeFileSync(path.join(canaryDir, 'nodes', 'Canary.node.ts'), 'export const wait = () => setTimeout(() => undefined, 1);\n');
}

/** Lints `dir`; true when it passed as expected (and, for a failure, broke `mustBreak`). */
async function scan(label, dir, patterns, expectPass, mustBreak) {
	const files = glob.sync(patterns, { cwd: dir, ignore: ['node_modules/**', '**/package-lock.json'] });
	const result = await scanner.analyzePackage(dir, patterns);
	const rules = [...new Set((result.details ?? '').split('\n').filter((line) => / error /.test(line)).map((line) => line.trim().split(/\s+/).pop()).filter((rule) => /^[@\w-]+\/[\w/-]+$/.test(rule)))];
	const ok = result.passed === expectPass && (!mustBreak || rules.includes(mustBreak));
	const outcome = result.passed ? 'passed' : `failed (${result.message}${rules.length ? `: ${rules.join(', ')}` : ''})`;
	console.log(`${ok ? 'ok' : 'FAILED'}: ${label}: ${files.length} files (${patterns.join(', ')}): ${outcome}`);
	if (!result.passed && expectPass) console.log(result.details ?? result.error);
	return ok;
}

console.log(`@n8n/scan-community-package ${version}`);
makeCanary();
const results = [
	await scan('canary: setTimeout in a node, a bare package.json (must fail)', canaryDir, scanner.SOURCE_FILE_PATTERNS, false, '@n8n/community-nodes/no-restricted-globals'),
	await scan('source', repo, scanner.SOURCE_FILE_PATTERNS, true),
	await scan('npm pack tarball', tarballDir, TARBALL_FILE_PATTERNS, true),
];
process.exit(results.every(Boolean) ? 0 : 1);
