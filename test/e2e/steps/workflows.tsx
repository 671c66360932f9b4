// Step 3: real workflows through `n8n import:*` and `n8n execute`, checked against what the fake served.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { FAIL_CODE, FAIL_MESSAGE } from '../../fake-rawugc/jobs';
import { check, CheckFailed, type E2eContext } from '../lib/context';
import { executeWorkflow, n8nCommand, N8nCommandError, nodeOutput, readStoredBinary, type ExecuteOutcome, type N8nBinary } from '../lib/n8n';
import {
	badInput,
	credentialsFile,
	editImage,
	failedJobContinue,
	musicTrack,
	RAWUGC_NODE_NAME,
	retryOnFail,
	textToImage,
	textToVideo,
	type WorkflowFile,
} from '../workflows';
import { postWorkflows, runPostChecks } from './posts';

/** A 1x1 PNG: the picture the edit run starts from. */
const INPUT_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}

function outputOf(outcome: ExecuteOutcome): string {
	return `--- n8n stdout (tail) ---\n${outcome.result.stdout.slice(-6000)}\n--- n8n stderr (tail) ---\n${outcome.result.stderr.slice(-4000)}`;
}

export async function importAll(context: E2eContext, workflows: WorkflowFile[]): Promise<void> {
	const fake = context.fake!;
	const inputDir = path.join(context.workDir, 'import');
	mkdirSync(path.join(inputDir, 'workflows'), { recursive: true });
	const credentialsPath = path.join(inputDir, 'credentials.json');
	writeFileSync(credentialsPath, JSON.stringify(credentialsFile(fake.apiKey, fake.baseUrl), null, 2));
	for (const workflow of workflows) {
		writeFileSync(path.join(inputDir, 'workflows', `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	}
	await n8nCommand(context.setup, ['import:credentials', `--input=${credentialsPath}`]);
	await n8nCommand(context.setup, ['import:workflow', '--separate', `--input=${path.join(inputDir, 'workflows')}`]);
}

/** Runs the workflow and checks its one RawUGC output item carries the exact bytes the fake served. */
async function checkGeneratedImage(context: E2eContext, workflowId: string, label: string): Promise<void> {
	const outcome = await executeWorkflow(context.setup, workflowId);
	check(outcome.succeeded && outcome.run, `${label}: n8n execute did not succeed`, outputOf(outcome));
	const items = nodeOutput(outcome.run, RAWUGC_NODE_NAME);
	check(items.length === 1, `${label}: expected 1 output item, got ${items.length}`, items);
	const [item] = items;
	const imageId = item.json.imageId;
	check(typeof imageId === 'string' && imageId.startsWith('img_'), `${label}: json.imageId missing`, item.json);
	check(item.json.status === 'completed', `${label}: json.status is ${String(item.json.status)}`, item.json);
	const binary = item.binary?.data;
	check(binary, `${label}: no binary.data on the output item`, item);
	check(binary.mimeType?.startsWith('image/'), `${label}: binary mimeType is ${binary.mimeType}`, binary);
	check(binary.fileName?.startsWith(imageId), `${label}: binary fileName ${binary.fileName} does not start with ${imageId}`, binary);
	const stored = readStoredBinary(context.setup, binary);
	const served = await context.fake!.result(imageId);
	check(
		stored.length === served.size && sha256(stored) === served.sha256,
		`${label}: bytes in n8n's binary store differ from what the fake served`,
		{ stored: { size: stored.length, sha256: sha256(stored) }, served, binary },
	);
	console.log(`    ${label}: ${imageId}, ${binary.mimeType}, ${stored.length} bytes, sha256 matches the fake's`);
}

/** The bytes in n8n's binary store are exactly the file the fake served for that job. */
async function checkStoredFile(context: E2eContext, label: string, binary: N8nBinary, id: string, file?: 'art'): Promise<number> {
	const stored = readStoredBinary(context.setup, binary);
	const served = await context.fake!.result(id, file);
	check(
		stored.length === served.size && sha256(stored) === served.sha256,
		`${label}: bytes in n8n's binary store differ from what the fake served`,
		{ stored: { size: stored.length, sha256: sha256(stored) }, served, binary },
	);
	return stored.length;
}

/** Music > Generate with album art: the audio in binary.data and the cover in binary.albumArt, both exact. */
async function checkGeneratedTrack(context: E2eContext): Promise<void> {
	const label = 'music';
	const outcome = await executeWorkflow(context.setup, musicTrack.id);
	check(outcome.succeeded && outcome.run, `${label}: n8n execute did not succeed`, outputOf(outcome));
	const items = nodeOutput(outcome.run, RAWUGC_NODE_NAME);
	check(items.length === 1, `${label}: expected 1 output item, got ${items.length}`, items);
	const [{ json, binary }] = items;
	const musicId = json.musicId;
	check(typeof musicId === 'string' && musicId.startsWith('mus_'), `${label}: json.musicId missing`, json);
	check(json.status === 'completed' && json.creditsUsed === 3, `${label}: not a completed 3-credit track`, json);
	const audio = binary?.data;
	const art = binary?.albumArt;
	check(audio?.mimeType === 'audio/mpeg' && audio.fileName === `${musicId}.mp3`, `${label}: binary.data is not ${musicId}.mp3 (audio/mpeg)`, binary);
	check(art?.mimeType === 'image/jpeg' && art.fileName === `${musicId}.jpg`, `${label}: binary.albumArt is not ${musicId}.jpg (image/jpeg)`, binary);
	const audioBytes = await checkStoredFile(context, `${label} audio`, audio, musicId);
	const artBytes = await checkStoredFile(context, `${label} album art`, art, musicId, 'art');
	console.log(`    ${label}: ${musicId}, audio/mpeg ${audioBytes} bytes and album art ${artBytes} bytes, sha256 match the fake's`);
}

/** Video > Generate (Sora 2 text to video): binary.data is `<videoId>.mp4` (video/mp4), the exact bytes served. */
async function checkGeneratedVideo(context: E2eContext): Promise<void> {
	const label = 'text to video';
	const outcome = await executeWorkflow(context.setup, textToVideo.id);
	check(outcome.succeeded && outcome.run, `${label}: n8n execute did not succeed`, outputOf(outcome));
	const items = nodeOutput(outcome.run, RAWUGC_NODE_NAME);
	check(items.length === 1, `${label}: expected 1 output item, got ${items.length}`, items);
	const [{ json, binary }] = items;
	const videoId = json.videoId;
	check(typeof videoId === 'string' && videoId.startsWith('vid_'), `${label}: json.videoId missing`, json);
	check(json.status === 'completed' && json.model === 'sora-2-text-to-video', `${label}: not a completed sora-2-text-to-video job`, json);
	const video = binary?.data;
	check(video?.mimeType === 'video/mp4' && video.fileName === `${videoId}.mp4`, `${label}: binary.data is not ${videoId}.mp4 (video/mp4)`, binary);
	const bytes = await checkStoredFile(context, label, video, videoId);
	console.log(`    ${label}: ${videoId}, video/mp4 ${bytes} bytes, sha256 matches the fake's`);
}

async function checkBadInput(context: E2eContext): Promise<void> {
	const jobsBefore = (await context.fake!.stats()).jobs;
	const outcome = await executeWorkflow(context.setup, badInput.id);
	check(!outcome.succeeded, 'bad input: the run with an empty prompt succeeded', outputOf(outcome));
	const error = outcome.run?.data.resultData.error;
	const message = `${error?.message ?? ''} ${error?.description ?? ''}`;
	check(/prompt/i.test(message), `bad input: the error does not name the field "prompt": ${message}`, outputOf(outcome));
	const jobsAfter = (await context.fake!.stats()).jobs;
	check(jobsAfter === jobsBefore, `bad input: a job was submitted anyway (${jobsBefore} -> ${jobsAfter} jobs)`);
	console.log(`    bad input: failed before submitting: "${error?.message}"`);
}

async function checkFailedJobContinues(context: E2eContext): Promise<void> {
	const outcome = await executeWorkflow(context.setup, failedJobContinue.id);
	check(outcome.succeeded && outcome.run, 'failed job: the run under "On Error: Continue" did not succeed', outputOf(outcome));
	const items = nodeOutput(outcome.run, RAWUGC_NODE_NAME);
	check(items.length === 1, `failed job: expected 1 output item, got ${items.length}`, items);
	const { json } = items[0];
	const errorText = typeof json.error === 'string' ? json.error : JSON.stringify(json.error ?? '');
	check(json.error, 'failed job: json.error missing', json);
	check(
		errorText.includes(FAIL_MESSAGE) || errorText.includes(FAIL_CODE),
		`failed job: json.error does not carry the fake's failure (${FAIL_CODE}: ${FAIL_MESSAGE})`,
		json,
	);
	check(typeof json.imageId === 'string' && json.imageId.startsWith('img_'), 'failed job: json.imageId missing', json);
	console.log(`    failed job: item with error "${errorText.slice(0, 120)}" and imageId ${String(json.imageId)}`);
}

/** n8n's Retry On Fail: the first try's download fails (three tries), the retry delivers the same job. */
async function checkRetryOnFail(context: E2eContext): Promise<void> {
	const fake = context.fake!;
	const prompt = retryOnFail.nodes[1].parameters as { prompt: string };
	// The fake serves every n8n version of the run: count only what this version's run sent.
	const apiBefore = (await fake.requests('api')).length;
	const storageBefore = (await fake.requests('storage')).length;
	await fake.failNext({ origin: 'storage', method: 'GET' }, { status: 500 }, 3);
	await checkGeneratedImage(context, retryOnFail.id, 'retry on fail');
	const submits = (await fake.requests('api')).slice(apiBefore).filter(
		(request) => request.method === 'POST' && request.path.endsWith('/images/generate') && request.bodyText?.includes(prompt.prompt),
	);
	check(submits.length === 1, `retry on fail: expected 1 POST /images/generate, the fake got ${submits.length}`, submits);
	const failedDownloads = (await fake.requests('storage')).slice(storageBefore).filter((request) => request.status === 500);
	check(failedDownloads.length === 3, `retry on fail: the first try's download did not fail 3 times (${failedDownloads.length})`);
	console.log('    retry on fail: the first try failed downloading, the retry delivered the same job; 1 POST');
}

export async function runWorkflowChecks(context: E2eContext): Promise<void> {
	const uploadUrl = await context.fake!.upload(INPUT_PNG, 'image/png', 'input.png');
	const edit = editImage(uploadUrl);
	await importAll(context, [textToImage, edit, badInput, failedJobContinue, musicTrack, retryOnFail, textToVideo, ...postWorkflows]);
	context.editorWorkflowId = textToImage.id;
	await checkGeneratedImage(context, textToImage.id, 'text to image');
	await checkGeneratedImage(context, edit.id, 'edit');
	await checkBadInput(context);
	await checkFailedJobContinues(context);
	await checkGeneratedTrack(context);
	await checkRetryOnFail(context);
	await checkGeneratedVideo(context);
	await runPostChecks(context);
}

/** Every examples/*.json imports; returns the ids imported (the browser step checks their node types). */
export async function importExamples(context: E2eContext): Promise<string[]> {
	const examplesDir = path.join(context.repo, 'examples');
	const files = existsSync(examplesDir) ? readdirSync(examplesDir).filter((name) => name.endsWith('.json')).sort() : [];
	if (files.length === 0) {
		console.log('    NOTICE: no examples/*.json yet; nothing to import');
		return [];
	}
	const ids: string[] = [];
	for (const file of files) {
		const workflow = JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as { id?: string; nodes?: unknown[] };
		check(Array.isArray(workflow.nodes), `examples/${file}: no nodes array`);
		if (workflow.id) ids.push(workflow.id);
	}
	// One n8n command for all (each start of n8n costs seconds); file by file only to name a failure.
	const allAtOnce = path.join(context.workDir, 'examples');
	mkdirSync(allAtOnce, { recursive: true });
	for (const file of files) copyFileSync(path.join(examplesDir, file), path.join(allAtOnce, file));
	try {
		await n8nCommand(context.setup, ['import:workflow', '--separate', `--input=${allAtOnce}`]);
	} catch (error) {
		if (!(error instanceof N8nCommandError)) throw error;
		for (const file of files) {
			try {
				await n8nCommand(context.setup, ['import:workflow', `--input=${path.join(examplesDir, file)}`]);
			} catch (single) {
				if (!(single instanceof N8nCommandError)) throw single;
				throw new CheckFailed(`examples/${file} did not import`, `${single.result.stdout.slice(-4000)}\n${single.result.stderr.slice(-4000)}`);
			}
		}
		throw new CheckFailed('examples/*.json did not import together', `${error.result.stdout.slice(-4000)}\n${error.result.stderr.slice(-4000)}`);
	}
	console.log(`    imported: ${files.map((file) => `examples/${file}`).join(', ')}`);
	return ids;
}
