/**
 * Social Post > Get, Get Many, Update, Reschedule, Publish and Delete through n8n-core's
 * engine against the fake: what each sends, what it outputs, and bad input refused before any
 * request.
 */
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { runNode } from './support/run';
import { at, INSTAGRAM, postOperation, postParameters, socialRoutes, TIKTOK } from './support/social';

const handle = withFake();

async function makePost(overrides = {}): Promise<string> {
	const made = await runNode(handle, { parameters: postParameters(overrides) });
	if (made.error) throw made.error;
	handle.fake.reset();
	return made.items[0].json.postId as string;
}

const bodyOf = (index = 0) => JSON.parse(handle.fake.apiRequests()[index].body.toString('utf8')) as Record<string, unknown>;

describe('Get and Get Many', () => {
	it('Get: one post by its postId', async () => {
		const postId = await makePost({ content: 'Hi' });
		const result = await runNode(handle, { parameters: postOperation('get', { postId }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ postId, status: 'draft', content: 'Hi', platforms: ['tiktok'] });
		expect(socialRoutes(handle.fake)).toEqual(['GET /social/posts/{id}']);
	});

	it('Get of an unknown post: not found, in plain words', async () => {
		const result = await runNode(handle, { parameters: postOperation('get', { postId: 'post_0000' }) });

		expect(result.error?.message).toBe('RawUGC has no post post_0000 for this API key (not found)');
	});

	it('Get Many: the date range as ms in the workflow’s zone, drafts only when asked, up to the limit', async () => {
		await makePost({ mode: 'schedule', scheduledFor: '2027-01-15T09:00', timezone: 'Europe/Berlin' });
		await makePost({ mode: 'schedule', scheduledFor: '2027-01-16T09:00', timezone: 'Europe/Berlin' });
		await makePost({ mode: 'draft' });

		const scheduled = await runNode(handle, {
			parameters: postOperation('getMany', { fromDate: '2027-01-15T00:00:00', toDate: '2027-01-31T00:00:00', returnAll: true }),
			timezone: 'Europe/Berlin',
		});
		const withDrafts = await runNode(handle, { parameters: postOperation('getMany', { includeDrafts: true, limit: 2 }) });

		expect(scheduled.items.map((item) => item.json.status)).toEqual(['scheduled', 'scheduled']);
		const [first, second] = handle.fake.apiRequests();
		expect(first.query).toEqual({ includeDrafts: 'false', fromDate: String(at('2027-01-14T23:00:00Z')), toDate: String(at('2027-01-30T23:00:00Z')) });
		expect(second.query).toEqual({ includeDrafts: 'true' });
		expect(withDrafts.items).toHaveLength(2);
		expect(withDrafts.items[0].json.status).toBe('draft');
	});

	it('Get Many: a range that ends before it starts is refused before any request', async () => {
		const result = await runNode(handle, { parameters: postOperation('getMany', { fromDate: '2027-02-01T00:00', toDate: '2027-01-01T00:00' }) });

		expect(result.error?.message).toBe('toDate must not be before fromDate [item 0]');
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});

describe('Update, Reschedule, Publish, Delete', () => {
	it('Update: only the fields added, the time as an instant in its zone; the post after the change', async () => {
		const postId = await makePost({ mode: 'schedule', scheduledFor: '2027-01-15T09:00', timezone: 'Europe/Berlin' });
		const result = await runNode(handle, {
			parameters: postOperation('update', {
				postId,
				updateFields: { content: 'New caption', scheduledFor: '2027-07-15T09:00', timezone: 'Europe/Berlin', accountIds: [TIKTOK, INSTAGRAM] },
			}),
		});

		expect(result.error).toBeUndefined();
		expect(socialRoutes(handle.fake)).toEqual(['PATCH /social/posts/{id}']);
		expect(bodyOf()).toEqual({ content: 'New caption', accountIds: [TIKTOK, INSTAGRAM], scheduledFor: at('2027-07-15T07:00:00Z'), timezone: 'Europe/Berlin' });
		expect(result.items[0].json).toMatchObject({ postId, content: 'New caption', scheduledFor: at('2027-07-15T07:00:00Z'), platforms: ['tiktok', 'instagram'] });
	});

	it.each([
		['no field', {}, /^updateFields needs at least one field to change/],
		['no accounts (an expression giving none)', { accountIds: expr('[]') }, /^updateFields\.accountIds needs at least one account/],
		['a time in the gap', { scheduledFor: '2027-03-28T02:15', timezone: 'Europe/Berlin' }, /^updateFields\.scheduledFor .*does not exist/],
		['an unknown zone alone', { timezone: 'Nowhere/Land' }, /^updateFields\.timezone is not a known time zone/],
		['a time with an unknown zone', { scheduledFor: '2027-01-15T09:00', timezone: 'Nowhere/Land' }, /^updateFields\.timezone is not a known time zone/],
		['a caption too long', { content: 'y'.repeat(2201) }, /^updateFields\.content must be at most 2200 characters/],
	])('Update with %s: refused before any request', async (_what, updateFields, message) => {
		const result = await runNode(handle, { parameters: postOperation('update', { postId: 'post_1', updateFields }) });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('Reschedule: the new time as an instant, with its zone', async () => {
		const postId = await makePost({ mode: 'schedule', scheduledFor: '2027-01-15T09:00', timezone: 'Europe/Berlin' });
		const result = await runNode(handle, { parameters: postOperation('reschedule', { postId, scheduledFor: '2027-01-20T18:30:00', timezone: 'America/New_York' }) });

		expect(result.error).toBeUndefined();
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts/{id}/reschedule']);
		expect(bodyOf()).toEqual({ scheduledFor: at('2027-01-20T23:30:00Z'), timezone: 'America/New_York' });
		expect(result.items[0].json).toMatchObject({ postId, status: 'scheduled', scheduledFor: at('2027-01-20T23:30:00Z') });
	});

	it('Reschedule into the past: refused before any request', async () => {
		const result = await runNode(handle, { parameters: postOperation('reschedule', { postId: 'post_1', scheduledFor: '2021-01-01T00:00:00Z' }) });

		expect(result.error?.message).toMatch(/^scheduledFor must lie in the future/);
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('Publish: a draft goes out now and is waited for; the output is the published post', async () => {
		const postId = await makePost();
		const result = await runNode(handle, { parameters: postOperation('publish', { postId }) });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ postId, status: 'published' });
		expect(socialRoutes(handle.fake)).toEqual(['POST /social/posts/{id}/publish']);
	});

	it('Delete: { success, postId }, and the post is gone', async () => {
		const postId = await makePost();
		const result = await runNode(handle, { parameters: postOperation('delete', { postId }) });

		expect(result.items[0].json).toEqual({ success: true, postId });
		expect(handle.fake.social.posts.has(postId)).toBe(false);
		expect(socialRoutes(handle.fake)).toEqual(['DELETE /social/posts/{id}']);
	});

	it.each(['acceptThenReset', 'acceptThen500'] as const)(
		'Delete whose answer is lost (%s): sent again, so a scheduled post surely goes; its “not found” then means done',
		async (kind) => {
			const postId = await makePost();
			handle.fake.requests.length = 0;
			handle.fake.failNext({ method: 'DELETE' }, { kind });

			const result = await runNode(handle, { parameters: postOperation('delete', { postId }) });

			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual({ success: true, postId });
			expect(handle.fake.social.posts.has(postId)).toBe(false);
			expect(socialRoutes(handle.fake)).toEqual(['DELETE /social/posts/{id}', 'DELETE /social/posts/{id}']);
		},
	);

	it('Delete of an unknown post answered “not found” at once: an error', async () => {
		const result = await runNode(handle, { parameters: postOperation('delete', { postId: 'post_0000' }) });

		expect(result.error?.message).toBe('RawUGC has no post post_0000 for this API key (not found)');
	});

	it.each(['get', 'publish', 'reschedule', 'update', 'delete'])('%s with an empty Post ID (an expression giving none): refused before any request', async (operation) => {
		const result = await runNode(handle, {
			parameters: postOperation(operation, { postId: expr(`$json.postId ?? ''`), scheduledFor: '2027-01-20T18:30:00', updateFields: { content: 'x' } }),
		});

		expect(result.error?.message).toBe('postId is required [item 0]');
		expect(handle.fake.apiRequests()).toEqual([]);
	});

	it('a Post ID with spaces: refused before any request, naming the field and the item', async () => {
		const result = await runNode(handle, { parameters: postOperation('delete', { postId: 'post 1' }) });

		expect(result.error?.message).toBe('postId must be a single ID without spaces, got "post 1" [item 0]');
		expect(handle.fake.apiRequests()).toEqual([]);
	});
});
