/**
 * Social Post > Create through n8n-core's engine against the fake: the body per field and
 * mode, scheduled times read as the user means them (a zone's winter and summer time, an
 * offset, Z, the workflow's zone), every bad input refused before anything is sent, and a
 * post that follows a video item with nothing typed.
 */
import { randomBytes } from 'node:crypto';

import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode } from './support/run';
import { at, INSTAGRAM, postBodies, postParameters, TIKTOK, VIDEO_URL } from './support/social';

const handle = withFake();

describe('the body per mode and field', () => {
	it('a draft: videoUrl, accountIds and mode only; the output is the post', async () => {
		const result = await runNode(handle, { parameters: postParameters() });

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toEqual([{ videoUrl: VIDEO_URL, accountIds: [TIKTOK], mode: 'draft' }]);
		const [post] = handle.fake.social.posts.values();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ postId: post.postId, status: 'draft', videoUrl: VIDEO_URL, platforms: ['tiktok'] });
		expect(Object.keys(result.items[0].json)[0]).toBe('postId');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('now: every optional field sent under its API name; TikTok settings only when added', async () => {
		const result = await runNode(handle, {
			parameters: postParameters({
				mode: 'now',
				accountIds: [TIKTOK, INSTAGRAM],
				content: 'New drop #shoes',
				videoId: 'vid_abc123',
				tiktokOptions: { privacyLevel: 'SELF_ONLY', allowComment: false, allowDuet: true, allowStitch: false, commercialContentType: 'brand_organic', publishToInbox: true },
			}),
		});

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toEqual([
			{
				videoUrl: VIDEO_URL,
				accountIds: [TIKTOK, INSTAGRAM],
				mode: 'now',
				content: 'New drop #shoes',
				videoId: 'vid_abc123',
				tiktokPrivacyLevel: 'SELF_ONLY',
				tiktokAllowComment: false,
				tiktokAllowDuet: true,
				tiktokAllowStitch: false,
				tiktokCommercialContentType: 'brand_organic',
				publishToInbox: true,
			},
		]);
		expect(result.items[0].json.status).toBe('published');
	});

	it('a time or zone left in a saved workflow is not sent for draft or now', async () => {
		const result = await runNode(handle, {
			parameters: postParameters({ mode: 'now', scheduledFor: '2027-01-15T09:00', timezone: 'Europe/Berlin', content: '' }),
		});

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake)).toEqual([{ videoUrl: VIDEO_URL, accountIds: [TIKTOK], mode: 'now' }]);
	});

	it('account ids from an expression: an array, or comma-separated text', async () => {
		const fromArray = await runNode(handle, { parameters: postParameters({ accountIds: expr(`['${TIKTOK}', '${INSTAGRAM}']`) }) });
		const fromText = await runNode(handle, { parameters: postParameters({ accountIds: `=${TIKTOK}, ${INSTAGRAM}` }) });

		expect(fromArray.error).toBeUndefined();
		expect(fromText.error).toBeUndefined();
		expect(postBodies(handle.fake).map((body) => body.accountIds)).toEqual([[TIKTOK, INSTAGRAM], [TIKTOK, INSTAGRAM]]);
	});

	it('follows a video item with nothing typed: videoUrl defaults to the item’s url', async () => {
		const { videoUrl: _typed, ...parameters } = postParameters();
		const result = await runNode(handle, {
			parameters,
			items: [{ json: { videoId: 'vid_1', url: 'https://storage.rawugc.com/videos/one.mp4' } }, { json: { url: 'https://storage.rawugc.com/videos/two.mp4' } }],
		});

		expect(result.error).toBeUndefined();
		expect(postBodies(handle.fake).map((body) => body.videoUrl)).toEqual([
			'https://storage.rawugc.com/videos/one.mp4',
			'https://storage.rawugc.com/videos/two.mp4',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('the video from a binary field: uploaded first, byte for byte, and its URL posted', async () => {
		const { fake } = handle;
		const clip = Buffer.concat([Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]), randomBytes(300_000)]);
		const result = await runNode(handle, {
			parameters: postParameters({ inputVideoBinaryField: 'clip', videoUrl: expr('$json.url') }),
			items: [{ json: {}, binary: { clip: { data: clip, mimeType: 'video/mp4', fileName: 'clip.mp4' } } }],
		});

		expect(result.error).toBeUndefined();
		expect(fake.uploads).toHaveLength(1);
		expect(fake.uploads[0].bytes.equals(clip)).toBe(true);
		expect(postBodies(fake).map((body) => body.videoUrl)).toEqual([fake.uploads[0].url]);
		expect(fake.apiRequests().map((request) => `${request.method} ${request.path.replace(/^\/api\/v1/, '')}`)).toEqual(['POST /upload', 'POST /social/posts']);
	});
});

describe('scheduled times mean what the user means', () => {
	const schedule = (scheduledFor: string, timezone = '') => postParameters({ mode: 'schedule', scheduledFor, timezone });
	const sentTimes = () => postBodies(handle.fake).map((body) => [body.scheduledFor, body.timezone]);

	it('9:00 in Europe/Berlin is 08:00 UTC in winter and 07:00 UTC in summer', async () => {
		const winter = await runNode(handle, { parameters: schedule('2027-01-15T09:00:00', 'Europe/Berlin') });
		const summer = await runNode(handle, { parameters: schedule('2027-07-15T09:00:00', 'Europe/Berlin') });

		expect(winter.error).toBeUndefined();
		expect(summer.error).toBeUndefined();
		expect(sentTimes()).toEqual([
			[at('2027-01-15T08:00:00Z'), 'Europe/Berlin'],
			[at('2027-07-15T07:00:00Z'), 'Europe/Berlin'],
		]);
		expect(winter.items[0].json).toMatchObject({ status: 'scheduled', scheduledFor: at('2027-01-15T08:00:00Z'), timezone: 'Europe/Berlin' });
	});

	it('an offset or Z in the value is that instant, whatever the zone says', async () => {
		await runNode(handle, { parameters: schedule('2027-01-15T09:00:00+05:30', 'Europe/Berlin') });
		await runNode(handle, { parameters: schedule('2027-01-15T09:00:00Z', 'America/New_York') });

		expect(sentTimes()).toEqual([
			[at('2027-01-15T03:30:00Z'), 'Europe/Berlin'],
			[at('2027-01-15T09:00:00Z'), 'America/New_York'],
		]);
	});

	it('an empty zone is the workflow’s zone, and is sent as such', async () => {
		const result = await runNode(handle, { parameters: schedule('2027-01-15T09:00'), timezone: 'America/New_York' });

		expect(result.error).toBeUndefined();
		expect(sentTimes()).toEqual([[at('2027-01-15T14:00:00Z'), 'America/New_York']]);
	});

	it('a time given by an expression as a luxon DateTime or a Date is that instant', async () => {
		await runNode(handle, { parameters: schedule(expr(`DateTime.fromISO('2027-01-15T09:00:00', { zone: 'Asia/Tokyo' })`), 'Europe/Berlin') });
		await runNode(handle, { parameters: schedule(expr(`new Date('2027-01-15T09:00:00Z')`), 'Europe/Berlin') });

		expect(sentTimes()).toEqual([
			[at('2027-01-15T00:00:00Z'), 'Europe/Berlin'],
			[at('2027-01-15T09:00:00Z'), 'Europe/Berlin'],
		]);
	});
});

describe('bad input: an error naming the field and the item, and nothing sent', () => {
	it.each([
		['a time in the spring-forward gap', { mode: 'schedule', scheduledFor: '2027-03-28T02:30', timezone: 'Europe/Berlin' }, /^scheduledFor .*does not exist in Europe\/Berlin/],
		['a time in the past', { mode: 'schedule', scheduledFor: '2020-01-15T09:00', timezone: 'Europe/Berlin' }, /^scheduledFor must lie in the future/],
		['an unknown zone', { mode: 'schedule', scheduledFor: '2027-01-15T09:00', timezone: 'Europe/Atlantis' }, /^timezone is not a known time zone/],
		['no time for schedule (an expression giving none)', { mode: 'schedule', scheduledFor: expr(`$json.none ?? ''`), timezone: 'Europe/Berlin' }, /^scheduledFor is required/],
		['a time that is not one', { mode: 'schedule', scheduledFor: 'next tuesday', timezone: '' }, /^scheduledFor must be a date and time/],
		['no accounts (an expression giving none)', { accountIds: expr('[]') }, /^accountIds needs at least one account/],
		['no video URL (the item has no url)', { videoUrl: expr('$json.nothing') }, /^videoUrl is required/],
		['a video URL that is not http(s)', { videoUrl: 'ftp://example.com/v.mp4' }, /^videoUrl must start with http/],
		['a caption over 2200 characters', { content: 'x'.repeat(2201) }, /^content must be at most 2200 characters/],
		['an unknown mode (a saved workflow’s)', { mode: 'later' }, /^mode must be one of: draft, schedule, now/],
		['an unknown TikTok privacy level', { tiktokOptions: { privacyLevel: expr(`'FRIENDS'`) } }, /^tiktokOptions\.privacyLevel must be one of/],
		['a missing binary field', { inputVideoBinaryField: 'clip' }, /^inputVideoBinaryField \(clip\) names no binary field/],
	])('%s', async (_what, overrides, message) => {
		const result = await runNode(handle, { parameters: postParameters(overrides) });

		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('a later item’s bad time stops the run before the first item’s post is sent', async () => {
		const result = await runNode(handle, {
			parameters: postParameters({ mode: 'schedule', scheduledFor: expr(`$json.n === 0 ? '2027-01-15T09:00' : '2027-03-28T02:30'`), timezone: 'Europe/Berlin' }),
			items: [{ json: { n: 0 } }, { json: { n: 1 } }],
		});

		expect(result.error?.message).toMatch(/^scheduledFor .*does not exist in Europe\/Berlin.*\[item 1\]$/);
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('a later item’s binary of a type RawUGC does not take stops the run before the first item’s video is uploaded or posted', async () => {
		const mp4 = Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d]);
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const result = await runNode(handle, {
			parameters: postParameters({ inputVideoBinaryField: 'clip' }),
			items: [
				{ json: {}, binary: { clip: { data: mp4, mimeType: 'video/mp4', fileName: 'clip.mp4' } } },
				{ json: {}, binary: { clip: { data: png, mimeType: 'image/png', fileName: 'clip.png' } } },
			],
		});

		expect(result.error?.message).toMatch(/^inputVideoBinaryField \(clip\) is image\/png; RawUGC takes .*\[item 1\]$/);
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});
