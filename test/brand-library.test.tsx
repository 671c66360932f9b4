/**
 * Product, Persona, Messaging, Style and Character through n8n-core's engine against the fake:
 * one set of operations reading each resource's record. Requests, outputs, bad input refused
 * before anything is sent, an empty update refused, photos uploaded from binaries, and the
 * resource locators' lists as the editor loads them.
 */
import type { INodeParameters } from 'n8n-workflow';

import { RawUgcApi } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { listSearch } from './engine/loadOptions';
import { RAWUGC_CREDENTIAL_TYPE, RAWUGC_NODE_TYPE } from './engine/runRawUgc';
import { withFake } from './support/fake';
import { expr } from './support/parameters';
import { postedBodies, requestsTo } from './support/research';
import { runNode } from './support/run';

const handle = withFake();
const RETRY = { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 };

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: 'picked' });
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);

async function create(resource: string, parameters: INodeParameters) {
	const result = await runNode(handle, { parameters: { resource, operation: 'create', ...parameters } });
	if (result.error) throw result.error;
	return String(result.items[0].json.id);
}

const persona = (name = 'Busy parents') => create('persona', { name, description: 'Parents with no time in the morning' });

describe('Create', () => {
	it('a product: name, photo URLs (sent as photos) and additional fields; outputs id and the fields sent', async () => {
		const result = await runNode(handle, {
			parameters: {
				resource: 'product',
				operation: 'create',
				name: 'Glow Serum',
				photoUrls: 'https://example.com/a.png, https://example.com/b.png',
				additionalFields: { description: 'Vitamin C serum', messaging: 'Glow in 7 days' },
			},
		});

		expect(result.error).toBeUndefined();
		const sent = { name: 'Glow Serum', photos: ['https://example.com/a.png', 'https://example.com/b.png'], description: 'Vitamin C serum', messaging: 'Glow in 7 days' };
		expect(postedBodies(handle.fake, '/products')).toEqual([sent]);
		const [id] = handle.fake.library.of('products').keys();
		expect(result.items).toEqual([{ json: { id, ...sent }, pairedItem: { item: 0 } }]);
	});

	it('a product’s photos from binary images: each uploaded first, its URL after the typed ones', async () => {
		const result = await runNode(handle, {
			parameters: { resource: 'product', operation: 'create', name: 'Glow Serum', photoUrls: 'https://example.com/a.png', inputBinaryFields: 'front, back' },
			items: [{ json: {}, binary: { front: { data: PNG, mimeType: 'image/png' }, back: { data: PNG, mimeType: 'image/png' } } }],
		});

		expect(result.error).toBeUndefined();
		expect(handle.fake.uploads).toHaveLength(2);
		expect(postedBodies(handle.fake, '/products')[0].photos).toEqual(['https://example.com/a.png', ...handle.fake.uploads.map((upload) => upload.url)]);
	});

	it('a persona, a messaging and a style, each with its own fields', async () => {
		await persona();
		await create('messaging', { name: 'Core claim', body: 'Glow in 7 days, or your money back' });
		await create('style', { name: 'Morning selfie', additionalFields: { type: 'video', aspectRatio: 'portrait', promptTemplate: 'A parent holds {productName}' } });

		expect(postedBodies(handle.fake, '/personas')).toEqual([{ name: 'Busy parents', description: 'Parents with no time in the morning' }]);
		expect(postedBodies(handle.fake, '/messaging')).toEqual([{ name: 'Core claim', body: 'Glow in 7 days, or your money back' }]);
		expect(postedBodies(handle.fake, '/styles')).toEqual([{ name: 'Morning selfie', type: 'video', aspectRatio: 'portrait', promptTemplate: 'A parent holds {productName}' }]);
	});

	it.each([
		['a product without any photo', 'product', { name: 'Serum' }, /^photoUrls needs at least one photo: give URLs in photoUrls or binary fields in inputBinaryFields \[item 0\]/],
		['a product photo that is not http(s)', 'product', { name: 'Serum', photoUrls: 'ftp://example.com/a.png' }, /^photoUrls \(entry 1\) must start with http:\/\/ or https:\/\/ \[item 0\]/],
		['a product photo binary that is a video', 'product', { name: 'Serum', inputBinaryFields: 'data' }, /^inputBinaryFields \(data\) is video\/mp4/],
		['a product name over 200 characters', 'product', { name: 'n'.repeat(201), photoUrls: 'https://example.com/a.png' }, /^name must be at most 200 characters \[item 0\]/],
		['a product description over 1000', 'product', { name: 'S', photoUrls: 'https://example.com/a.png', additionalFields: { description: 'd'.repeat(1001) } }, /^additionalFields\.description must be at most 1000 characters \[item 0\]/],
		['a persona with an empty description (expression)', 'persona', { name: 'P', description: expr('"  "') }, /^description is required \[item 0\]/],
		['a messaging body over 5000', 'messaging', { name: 'M', body: 'b'.repeat(5001) }, /^body must be at most 5000 characters \[item 0\]/],
		['a style of an unknown type (expression)', 'style', { name: 'S', additionalFields: { type: expr('"audio"') } }, /^additionalFields\.type must be one of: video, image/],
	])('%s: an error naming the field and the item, nothing sent', async (_case, resource, parameters, message) => {
		const result = await runNode(handle, {
			parameters: { resource, operation: 'create', ...parameters },
			items: [{ json: {}, binary: { data: { data: Buffer.alloc(64), mimeType: 'video/mp4' } } }],
		});

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('under Retry On Fail, a record the first try made is not made again', async () => {
		// The first item is created, the second refused (400), which fails the try.
		handle.fake.failNext({ method: 'POST', path: '/personas' }, { kind: 'delay', ms: 0 });
		handle.fake.failNext({ method: 'POST', path: '/personas' }, { status: 400, errors: { name: ['Injected'] } });

		const result = await runNode(handle, {
			parameters: { resource: 'persona', operation: 'create', name: expr('$json.name'), description: 'Someone' },
			items: [{ json: { name: 'First' } }, { json: { name: 'Second' } }],
			settings: RETRY,
		});

		expect(result.error).toBeUndefined();
		expect(postedBodies(handle.fake, '/personas').map((body) => body.name)).toEqual(['First', 'Second', 'Second']);
		expect([...handle.fake.library.of('personas').values()].map((record) => record.name)).toEqual(['First', 'Second']);
		expect(result.items.map((item) => item.json.name)).toEqual(['First', 'Second']);
	});

	it('a create whose answer is lost is not sent again: the error says it may have been created', async () => {
		handle.fake.failNext({ method: 'POST', path: '/messaging' }, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: { resource: 'messaging', operation: 'create', name: 'Claim', body: 'Text' } });

		expect(requestsTo(handle.fake, '/messaging', 'POST')).toHaveLength(1);
		expect(result.error?.message).toMatch(/^The messaging may have been created, but RawUGC's answer was lost/);
	});
});

describe('Get, Get Many, Update, Delete', () => {
	it('Get: the record as RawUGC gives it, by an id from either locator mode or a plain id', async () => {
		const id = await persona();
		handle.fake.requests.length = 0;

		const [viaId, viaList, plain] = await Promise.all(
			[byId(id), fromList(id), id].map(async (personaId) => await runNode(handle, { parameters: { resource: 'persona', operation: 'get', personaId } })),
		);

		for (const result of [viaId, viaList, plain]) {
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toEqual(handle.fake.library.of('personas').get(id));
		}
		expect(requestsTo(handle.fake, `/personas/${id}`, 'GET')).toHaveLength(3);
	});

	it('Get of an unknown id: RawUGC’s 404 names the record', async () => {
		const result = await runNode(handle, { parameters: { resource: 'product', operation: 'get', productId: byId('66a0000000000000000000ff') } });

		expect(result.error?.message).toBe('RawUGC has no product 66a0000000000000000000ff for this API key (not found)');
	});

	it.each([
		['an empty id (expression)', byId(expr('""')), /^personaId is required: pick a persona from the list or give its ID \[item 0\]/],
		['an id with a slash', byId('a/b'), /^personaId must be a single ID, got "a\/b" \[item 0\]/],
	])('Get with %s is refused before anything is sent', async (_case, personaId, message) => {
		const result = await runNode(handle, { parameters: { resource: 'persona', operation: 'get', personaId: personaId as never } });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('Get Many: one item per record from one request; Limit keeps the first, Return All every one', async () => {
		for (const name of ['A', 'B', 'C']) await persona(name);
		handle.fake.requests.length = 0;

		const limited = await runNode(handle, { parameters: { resource: 'persona', operation: 'getMany', returnAll: false, limit: 2 } });
		const all = await runNode(handle, { parameters: { resource: 'persona', operation: 'getMany', returnAll: true } });

		expect(limited.items.map((item) => item.json.name)).toEqual(['C', 'B']);
		expect(all.items.map((item) => item.json.name)).toEqual(['C', 'B', 'A']);
		expect(requestsTo(handle.fake, '/personas', 'GET')).toHaveLength(2);
	});

	it('Get Many styles: the type filter is sent; built-in styles come too', async () => {
		await create('style', { name: 'Mine', additionalFields: { type: 'image' } });
		handle.fake.requests.length = 0;

		const videos = await runNode(handle, { parameters: { resource: 'style', operation: 'getMany', returnAll: true, filters: { type: 'video' } } });

		expect(requestsTo(handle.fake, '/styles', 'GET')[0].query).toEqual({ type: 'video' });
		expect(videos.items.map((item) => item.json.name)).toEqual(['UGC Selfie']);
		expect(videos.items[0].json).toMatchObject({ isAdmin: true, isStandard: true, styleId: 'ugc-selfie' });
	});

	it('Get Many characters: active ones by default, all with Active Only off; Get one by id', async () => {
		const active = await runNode(handle, { parameters: { resource: 'character', operation: 'getMany', returnAll: true } });
		const all = await runNode(handle, { parameters: { resource: 'character', operation: 'getMany', returnAll: true, filters: { activeOnly: false } } });
		const one = await runNode(handle, { parameters: { resource: 'character', operation: 'get', characterId: byId('65f0c0ffee0000000000a002') } });

		expect(active.items.map((item) => item.json.username)).toEqual(['rawugc.mia', 'me.sam']);
		expect(all.items.map((item) => item.json.username)).toEqual(['rawugc.mia', 'rawugc.leo', 'me.sam']);
		expect(one.items[0].json).toMatchObject({ username: 'rawugc.leo', isActive: false });
	});

	it('Update: sends only the fields added (in the API’s names) and outputs the record after the change', async () => {
		const id = await create('product', { name: 'Serum', photoUrls: 'https://example.com/a.png' });
		handle.fake.requests.length = 0;

		const result = await runNode(handle, {
			parameters: { resource: 'product', operation: 'update', productId: byId(id), updateFields: { name: 'Glow Serum', photoUrls: 'https://example.com/new.png' } },
		});

		expect(result.error).toBeUndefined();
		const patches = requestsTo(handle.fake, `/products/${id}`, 'PATCH');
		expect(patches.map((request) => JSON.parse(request.body.toString('utf8')))).toEqual([{ name: 'Glow Serum', photos: ['https://example.com/new.png'] }]);
		expect(result.items[0].json).toMatchObject({ _id: id, name: 'Glow Serum', photos: ['https://example.com/new.png'] });
	});

	it.each([
		['no field at all', 'persona', {}, /^updateFields has nothing to change: add at least one field \(Description, Name\) \[item 0\]/],
		['only an emptied optional field', 'product', { description: '' }, /^updateFields has nothing to change: add at least one field \(Description, Messaging, Name, Photo URLs\) \[item 0\]/],
		['an emptied required field', 'persona', { description: '' }, /^updateFields\.description is required \[item 0\]/],
		['a name over 200 characters', 'persona', { name: 'n'.repeat(201) }, /^updateFields\.name must be at most 200 characters \[item 0\]/],
		['a photo URL that is not http(s)', 'product', { photoUrls: 'file:///etc/passwd' }, /^updateFields\.photoUrls \(entry 1\) must start with http/],
	])('Update with %s is refused before anything is sent', async (_case, resource, updateFields, message) => {
		const idParameter = resource === 'product' ? 'productId' : 'personaId';
		const result = await runNode(handle, { parameters: { resource, operation: 'update', [idParameter]: byId('66a0000000000000000000aa'), updateFields } });

		expect(result.error?.message).toMatch(message);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('Update of a built-in style: RawUGC’s refusal in plain words', async () => {
		const result = await runNode(handle, { parameters: { resource: 'style', operation: 'update', styleId: byId('65f0c0ffee00000000005001'), updateFields: { name: 'Mine now' } } });

		expect(result.error?.message).toMatch(/^The RawUGC API key is not allowed to do this/);
	});

	it('Delete: outputs { success, <id parameter> }; the record is gone', async () => {
		const id = await create('messaging', { name: 'Old', body: 'Old claim' });

		const result = await runNode(handle, { parameters: { resource: 'messaging', operation: 'delete', messageId: fromList(id) } });

		expect(result.items).toEqual([{ json: { success: true, messageId: id }, pairedItem: { item: 0 } }]);
		expect(handle.fake.library.of('messaging').has(id)).toBe(false);
	});

	it('a Delete whose answer is lost is sent again, and its “not found” then means done: success, the record gone', async () => {
		const id = await persona();
		handle.fake.requests.length = 0;
		handle.fake.failNext({ method: 'DELETE', path: `/personas/${id}` }, { kind: 'acceptThenReset' });

		const result = await runNode(handle, { parameters: { resource: 'persona', operation: 'delete', personaId: byId(id) } });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ success: true, personaId: id });
		expect(requestsTo(handle.fake, `/personas/${id}`, 'DELETE').map((request) => request.status)).toEqual([0, 404]);
		expect(handle.fake.library.of('personas').has(id)).toBe(false);
	});

	it('a Delete of an unknown id answered “not found” at once is an error: nothing says it ever existed', async () => {
		const result = await runNode(handle, { parameters: { resource: 'persona', operation: 'delete', personaId: byId('66a0000000000000000000ff') } });

		expect(result.error?.message).toBe('RawUGC has no persona 66a0000000000000000000ff for this API key (not found)');
	});
});

describe('the resource locators’ lists', () => {
	const search = async (resource: string, method: string, filter?: string) =>
		await listSearch({
			nodeType: RAWUGC_NODE_TYPE,
			node: new RawUgc(),
			credentialTypes: { [RAWUGC_CREDENTIAL_TYPE]: new RawUgcApi() },
			credentials: { [RAWUGC_CREDENTIAL_TYPE]: handle.credentials() },
			parameters: { resource, operation: 'get' },
			method,
			path: 'parameters.id',
			filter,
		});

	it('each resource’s list shows its records by name, the id as value, searchable by name', async () => {
		const glow = await create('product', { name: 'Glow Serum', photoUrls: 'https://example.com/a.png' });
		const balm = await create('product', { name: 'Lip Balm', photoUrls: 'https://example.com/b.png' });
		handle.fake.requests.length = 0;

		expect((await search('product', 'searchProductRecords')).results).toEqual([
			{ name: 'Glow Serum', value: glow },
			{ name: 'Lip Balm', value: balm },
		]);
		expect((await search('product', 'searchProductRecords', 'balm')).results).toEqual([{ name: 'Lip Balm', value: balm }]);
		expect(requestsTo(handle.fake, '/products', 'GET')).toHaveLength(2);
	});

	it('personas, messaging, styles and characters each list their own', async () => {
		const id = await persona('Runners');
		const messageId = await create('messaging', { name: 'Claim', body: 'Text' });

		expect((await search('persona', 'searchPersonaRecords')).results).toEqual([{ name: 'Runners', value: id }]);
		expect((await search('messaging', 'searchMessagingRecords')).results).toEqual([{ name: 'Claim', value: messageId }]);
		expect((await search('style', 'searchStyleRecords', 'selfie')).results).toEqual([{ name: 'UGC Selfie', value: '65f0c0ffee00000000005001' }]);
		expect((await search('character', 'searchCharacterRecords')).results.map((result) => result.name)).toEqual(['Leo', 'Mia', 'Sam']);
	});

	it('a wrong key is a plain error', async () => {
		await expect(
			listSearch({
				nodeType: RAWUGC_NODE_TYPE,
				node: new RawUgc(),
				credentialTypes: { [RAWUGC_CREDENTIAL_TYPE]: new RawUgcApi() },
				credentials: { [RAWUGC_CREDENTIAL_TYPE]: handle.credentials('rug_wrong') },
				parameters: { resource: 'persona', operation: 'get' },
				method: 'searchPersonaRecords',
				path: 'parameters.personaId',
			}),
		).rejects.toThrow(/API key was refused/);
	});
});

describe('every brand resource through all its operations', () => {
	const cases = [
		{ resource: 'product', path: '/products', id: 'productId', create: { name: 'Serum', photoUrls: 'https://example.com/a.png' }, sent: { name: 'Serum', photos: ['https://example.com/a.png'] }, change: { messaging: 'New claim' } },
		{ resource: 'persona', path: '/personas', id: 'personaId', create: { name: 'Runners', description: 'Run at dawn' }, sent: { name: 'Runners', description: 'Run at dawn' }, change: { description: 'Run at dusk' } },
		{ resource: 'messaging', path: '/messaging', id: 'messageId', create: { name: 'Claim', body: 'Glow' }, sent: { name: 'Claim', body: 'Glow' }, change: { body: 'Glow more' } },
		{ resource: 'style', path: '/styles', id: 'styleId', create: { name: 'Selfie' }, sent: { name: 'Selfie' }, change: { promptTemplate: '{productName} at dawn' } },
	];

	it.each(cases)('$resource: create, get, get many, update and delete, each its one request and its output', async ({ resource, path, id: idParameter, create: fields, sent, change }) => {
		const created = await runNode(handle, { parameters: { resource, operation: 'create', ...fields } });
		const id = String(created.items[0].json.id);
		const got = await runNode(handle, { parameters: { resource, operation: 'get', [idParameter]: byId(id) } });
		const listed = await runNode(handle, { parameters: { resource, operation: 'getMany', returnAll: true } });
		const updated = await runNode(handle, { parameters: { resource, operation: 'update', [idParameter]: fromList(id), updateFields: change } });
		const deleted = await runNode(handle, { parameters: { resource, operation: 'delete', [idParameter]: byId(id) } });

		expect(handle.fake.apiRequests().map((request) => `${request.method} ${request.path.replace('/api/v1', '').replace(id, '{id}')}`)).toEqual([
			`POST ${path}`,
			`GET ${path}/{id}`,
			`GET ${path}`,
			`PATCH ${path}/{id}`,
			`GET ${path}/{id}`,
			`DELETE ${path}/{id}`,
		]);
		expect(created.items[0].json).toEqual({ id, ...sent });
		expect(got.items[0].json).toMatchObject({ _id: id, ...sent });
		expect(listed.items.map((item) => item.json._id)).toContain(id);
		expect(updated.items[0].json).toMatchObject({ _id: id, ...change });
		expect(deleted.items[0].json).toEqual({ success: true, [idParameter]: id });
		expect(handle.fake.library.of(path.slice(1)).has(id)).toBe(false);
	});
});
