/**
 * Video > Generate: every rule of the contract is checked before any request reaches the
 * API, and the error names the field (the panel's parameter) and the item.
 */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { withFake } from './support/fake';
import { expr, KLING, klingParameters, SORA_IMAGE, VEO, VEO_FAST, videoParameters } from './support/parameters';
import { videoBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';

const handle = withFake();

const urls = (count: number) => Array.from({ length: count }, (_, n) => `https://example.com/${n}.png`).join('\n');
const image = { model: SORA_IMAGE, imageUrls: 'https://example.com/a.png' };

const badInputs: Array<[string, INodeParameters, string]> = [
	['Sora text to video with an empty prompt (expression)', videoParameters({ prompt: expr('""') }), 'prompt is required'],
	['Veo with a blank prompt (from an expression)', videoParameters({ model: VEO, prompt: expr('"  "') }), 'prompt is required'],
	['Veo Fast with no prompt (expression)', videoParameters({ model: VEO_FAST, prompt: expr('$json.missing') }), 'prompt is required'],
	['a prompt of 5001 characters', videoParameters({ prompt: expr('"a".repeat(5001)') }), 'prompt must be at most 5000 characters'],
	['a prompt that is not text', videoParameters({ ...image, prompt: expr('({ a: 1 })') }), 'prompt must be text'],
	['an unknown model (expression)', videoParameters({ model: expr('"sora-3"') }), 'model must be one of: sora-2-text-to-video'],
	['Sora image to video with no image', videoParameters({ model: SORA_IMAGE }), 'imageUrls needs at least one image'],
	['Kling with no image', klingParameters({ imageUrls: '' }), 'imageUrls needs at least one image'],
	['Veo with 3 images', videoParameters({ model: VEO, imageUrls: urls(3) }), 'imageUrls takes at most 2 images in all'],
	['Sora image to video with 11 images', videoParameters({ model: SORA_IMAGE, imageUrls: urls(11) }), 'imageUrls takes at most 10 images'],
	['Kling with 11 images from an expression', klingParameters({ imageUrls: expr(JSON.stringify(urls(11).split('\n'))) }), 'imageUrls takes at most 10'],
	['Kling with no reference video', klingParameters({ videoUrls: '' }), 'videoUrls needs exactly one reference video'],
	['Kling with two reference videos', klingParameters({ videoUrls: 'https://example.com/a.mp4, https://example.com/b.mp4' }), 'videoUrls takes at most 1 reference video in all'],
	['an ftp image URL', videoParameters({ ...image, imageUrls: 'ftp://example.com/a.png' }), 'imageUrls (entry 1) must start with http'],
	['a reference video that is not a URL', klingParameters({ videoUrls: 'dance.mp4' }), 'videoUrls (entry 1) must be a valid URL'],
	['orientation "square"', videoParameters({ orientation: expr('"square"') }), 'orientation must be one of: portrait, landscape (got "square")'],
	['Veo aspectRatio "auto" (it is "Auto")', videoParameters({ model: VEO, aspectRatio: expr('"auto"') }), 'aspectRatio must be one of: 16:9, 9:16, Auto'],
	['nFrames 12', videoParameters({ nFrames: expr('12') }), 'nFrames must be one of: 10, 15'],
	['characterOrientation "side"', klingParameters({ characterOrientation: expr('"side"') }), 'characterOrientation must be one of: image, video'],
	['mode "4k"', klingParameters({ mode: expr('"4k"') }), 'mode must be one of: 720p, 1080p'],
	['a character that is not text', videoParameters({ selectedCharacter: expr('42') }), 'selectedCharacter must be a character username'],
	['a character with spaces', videoParameters({ selectedCharacter: expr('"Mia Rose"') }), 'selectedCharacter must be a single username'],
	['maxWaitTime 0', videoParameters({ options: { maxWaitTime: 0 } }), 'maxWaitTime'],
	['maxCredits -1', videoParameters({ options: { maxCredits: expr('-1') } }), 'maxCredits'],
	['waitForCompletion "perhaps"', videoParameters({ waitForCompletion: expr('"perhaps"') }), 'waitForCompletion'],
	['an image binary field the item lacks', videoParameters({ ...image, imageUrls: '', inputBinaryFields: 'photo' }), 'inputBinaryFields (photo) names no binary field'],
	['a reference video field the item lacks', klingParameters({ videoUrls: '', inputVideoBinaryField: 'clip' }), 'inputVideoBinaryField (clip) names no binary field'],
];

describe.each(badInputs)('%s', (_, parameters, message) => {
	it(`is refused before any request: "${message}", naming the item`, async () => {
		const result = await runNode(handle, { parameters, items: numberedItems(1) });

		expect(handle.fake.apiRequests()).toEqual([]);
		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain(message);
		expect(error.message).toContain('[item 0]');
		expect(error.context.itemIndex).toBe(0);
	});
});

it('a required prompt left empty in the panel: n8n itself refuses to run the node, nothing is sent', async () => {
	const result = await runNode(handle, { parameters: videoParameters({ model: VEO, prompt: '' }) });

	expect(handle.fake.apiRequests()).toEqual([]);
	expect(result.error?.message).toBeDefined();
	expect(result.items).toEqual([]);
});

describe('a bad item in the middle of a video batch', () => {
	const parameters = videoParameters({ model: VEO, imageUrls: expr('$json.n === 1 ? ["https://a.example/1.png", "https://a.example/2.png", "https://a.example/3.png"] : []') });

	it('without Continue: nothing is submitted, the error names item 1', async () => {
		const result = await runNode(handle, { parameters, items: numberedItems(3) });

		expect(handle.fake.apiRequests()).toEqual([]);
		expect(result.error?.message).toContain('imageUrls takes at most 2 images in all');
		expect(result.error?.message).toContain('[item 1]');
	});

	it('with Continue: only that item errors, the others are made', async () => {
		const result = await runNode(handle, { parameters, items: numberedItems(3), continueOnFail: true });

		expect(result.error).toBeUndefined();
		expect(videoBodies(handle.fake)).toHaveLength(2);
		expect(result.items[1].json.error).toEqual(expect.stringContaining('[item 1]'));
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

it('a Kling item refused for its reference video names the item of a batch', async () => {
	const result = await runNode(handle, {
		parameters: klingParameters({ videoUrls: expr('$json.n === 2 ? "" : "https://example.com/ref.mp4"') }),
		items: numberedItems(3),
	});

	expect(handle.fake.apiRequests()).toEqual([]);
	expect(result.error?.message).toMatch(/videoUrls needs exactly one reference video: .*\[item 2\]/);
	expect((result.error as NodeOperationError).context.itemIndex).toBe(2);
	expect(KLING).toBe('kling-2.6/motion-control');
});
