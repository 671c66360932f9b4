/**
 * Redirects and the API key: an API answer that points at another host never takes the key
 * there, a streamed upload is not sent on to wherever a redirect points, and a result the file
 * host moves to another host is still fetched (with no key). Through the engine against the
 * fake, whose `redirect` fault answers 302/307 and does nothing else.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { withFake } from './support/fake';
import { putImageJob } from './support/jobs';
import { expr, generateParameters } from './support/parameters';
import { runNode } from './support/run';
import { expectSecretNowhere } from './support/secrets';

const handle = withFake();

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2_000, 7)]);

/** Another host (a CDN the file host sends downloads to): serves one PNG, records each request's headers. */
describe('another host', () => {
	let server: Server;
	let origin = '';
	const seen: IncomingHttpHeaders[] = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push(req.headers);
			res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(PNG.length) });
			res.end(PNG);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	beforeEach(() => {
		seen.length = 0;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	it('an API status look redirected there: it is asked, without the Authorization header or the key', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'GET', path: /^\/api\/v1\/images\/[^/]+$/ }, { kind: 'redirect', location: `${origin}/images/moved` });
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(seen).toHaveLength(1);
		expect(seen[0].authorization).toBeUndefined();
		expect(JSON.stringify(seen[0])).not.toContain(fake.apiKey);
		expectSecretNowhere(result, fake.apiKey);
	});

	it('an upload answered 307 to there: the file is not sent on, and the error says what RawUGC answered', async () => {
		const { fake } = handle;
		fake.failNext({ method: 'POST', path: '/upload' }, { kind: 'redirect', status: 307, location: `${origin}/upload` });
		const result = await runNode(handle, {
			parameters: { resource: 'file', operation: 'upload' },
			items: [{ json: {}, binary: { data: { data: PNG, mimeType: 'image/png' } } }],
		});

		expect(seen).toHaveLength(0);
		expect(result.error?.message).toMatch(/RawUGC answered 307/);
		expect(fake.uploads).toHaveLength(0);
		expectSecretNowhere(result, fake.apiKey);
	});

	it('a result the file host redirects there: followed, stored typed from its bytes, and no key sent', async () => {
		const { fake } = handle;
		const job = putImageJob(handle);
		fake.failNext({ origin: 'storage', path: `/results/${job.imageId}.jpg` }, { kind: 'redirect', location: `${origin}/cdn/${job.imageId}` });
		const result = await runNode(handle, {
			parameters: { resource: 'image', operation: 'get', imageId: expr('$json.imageId') },
			items: [{ json: { imageId: job.imageId } }],
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png', fileName: `${job.imageId}.png` });
		expect(await result.readBinary(item)).toEqual(PNG);
		expect(seen).toHaveLength(1);
		expect(seen[0].authorization).toBeUndefined();
		expect(JSON.stringify(seen[0])).not.toContain(fake.apiKey);
		expectSecretNowhere(result, fake.apiKey);
	});
});
