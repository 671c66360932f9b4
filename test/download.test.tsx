/**
 * Binary out: the result is streamed into n8n's binary store, checked against Content-Length
 * and by its first bytes, downloaded again when cut off or stalled, and never passed on when
 * it is not an image. Through the engine against the fake's storage host.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { downloadLimits } from '../nodes/RawUgc/transport/download';
import { runRawUgc } from './engine/runRawUgc';
import { withFake } from './support/fake';
import { generateParameters } from './support/parameters';
import { runNode } from './support/run';

const handle = withFake({ resultBytes: 300_000 });

const storageGets = () => handle.fake.storageRequests().filter((request) => request.path.startsWith('/results/'));

describe('the result download', () => {
	it('is stored with the exact bytes, its type, extension and file name from its bytes', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', { contentType: 'application/octet-stream' });
		const result = await runNode(handle, { parameters: generateParameters({ outputFormat: 'png' }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const imageId = item.json.imageId as string;
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png', fileName: `${imageId}.png` });
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(imageId));
	});

	it('works the same in n8n memory binary mode, cut-off retry included', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', { truncate: 1 });
		const result = await runRawUgc({
			parameters: generateParameters({ outputFormat: 'png' }),
			credentials: handle.credentials(),
			binaryMode: 'default',
		});

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary?.data.id).toBeUndefined();
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		expect(Buffer.from(item.binary!.data.data, 'base64')).toEqual(fake.resultBytes(item.json.imageId as string));
		expect(storageGets()).toHaveLength(2);
	});

	it('takes the type from the bytes when the header claims another image type', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', { contentType: 'image/png' });
		const result = await runNode(handle, { parameters: generateParameters({ outputFormat: 'jpeg' }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		const imageId = item.json.imageId as string;
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileExtension: 'jpg', fileName: `${imageId}.jpg` });
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(imageId));
	});

	it('a WebP result is image/webp, .webp (a RIFF file is told apart by its WEBP mark)', async () => {
		const { fake } = handle;
		const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0xf4, 0x01, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(500, 3)]);
		fake.setStorageMode('*', { bytes: webp, contentType: 'image/webp' });
		const result = await runNode(handle, { parameters: generateParameters({ outputFormat: 'png' }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/webp', fileExtension: 'webp', fileName: `${item.json.imageId as string}.webp` });
		expect(await result.readBinary(item)).toEqual(webp);
	});

	it('is downloaded again when the body is cut off, and then stored whole', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', { truncate: 1 });
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(storageGets()).toHaveLength(2);
		expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
	});

	it('cut off every time: an error with the imageId and the URL after a few tries', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', { truncate: 100 });
		const result = await runNode(handle, { parameters: generateParameters() });

		const imageId = [...fake.jobs.keys()][0];
		const url = `${fake.storageOrigin}/results/${imageId}.jpg`;
		expect(result.error?.message).toContain(`(imageId ${imageId})`);
		expect(result.error?.message).toContain(url);
		expect(result.error?.message).toMatch(/Downloading the image failed after 3 tries/);
		expect(storageGets()).toHaveLength(3);
	});

	it('the connection reset every time: an error that still says what failed, with the imageId and the URL', async () => {
		const { fake } = handle;
		fake.failNext({ origin: 'storage', path: /^\/results\// }, { kind: 'reset' }, 3);
		const result = await runNode(handle, { parameters: generateParameters() });

		const imageId = [...fake.jobs.keys()][0];
		expect(result.error?.message).toBe(
			`Downloading the image failed after 3 tries: the connection failed (ECONNRESET); URL: ${fake.storageOrigin}/results/${imageId}.jpg (imageId ${imageId})`,
		);
		expect(storageGets()).toHaveLength(3);
	});

	it('cut off every time, with Continue: an error item with the imageId and no binary', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', { truncate: 100 });
		const result = await runNode(handle, { parameters: generateParameters(), continueOnFail: true });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.json).toMatchObject({ imageId: [...fake.jobs.keys()][0], status: 'completed' });
		expect(item.json.error).toMatch(/Downloading the image failed/);
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('an HTML page instead of the image is an error with the imageId, never binary data', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', 'html');
		const result = await runNode(handle, { parameters: generateParameters(), continueOnFail: true });

		const [item] = result.items;
		const imageId = [...fake.jobs.keys()][0];
		expect(item.json.error).toBe(`The result is not an image: the file host sent an HTML page (imageId ${imageId})`);
		expect(item.json.imageId).toBe(imageId);
		expect(item.binary).toBeUndefined();
		// Not a passing fault: it is not tried again.
		expect(storageGets()).toHaveLength(1);
	});

	it('a missing file (404) is an error with the imageId', async () => {
		const { fake } = handle;
		fake.setStorageMode('*', 'notFound');
		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error?.message).toBe(
			`Downloading the image failed: the file host answered 404 (imageId ${[...fake.jobs.keys()][0]})`,
		);
	});

	it('is skipped when Download Image is off: the URL only', async () => {
		const { fake } = handle;
		const result = await runNode(handle, { parameters: generateParameters({ options: { download: false } }) });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.binary).toBeUndefined();
		expect(item.json.url).toBe(`${fake.storageOrigin}/results/${item.json.imageId as string}.jpg`);
		expect(storageGets()).toHaveLength(0);
	});
});

/**
 * A stalled body: the fake cannot send half a body and then nothing, so a small proxy in front
 * of its storage host does, on the first request only.
 */
describe('a body that stalls', () => {
	let proxy: Server;
	let stalledOnce = false;
	let upstreamOrigin = '';
	const idleBefore = downloadLimits.idleMs;

	beforeAll(async () => {
		proxy = createServer((req, res) => {
			const upstream = httpRequest(`${upstreamOrigin}${req.url ?? '/'}`, (answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				if (stalledOnce) return void answer.pipe(res);
				stalledOnce = true;
				answer.once('data', (chunk: Buffer) => {
					res.write(chunk);
					answer.destroy(); // then nothing more, the connection left open
				});
			});
			upstream.end();
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	});

	afterAll(async () => {
		downloadLimits.idleMs = idleBefore;
		proxy.closeAllConnections();
		await new Promise((resolve) => proxy.close(resolve));
	});

	it('is given up after the idle time and downloaded again', async () => {
		const { fake } = handle;
		downloadLimits.idleMs = 500;
		const proxyOrigin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
		upstreamOrigin = fake.storageOrigin;
		// Result URLs name the proxy instead of the storage host.
		Object.defineProperty(fake, 'storageOrigin', { configurable: true, get: () => proxyOrigin });
		try {
			const result = await runNode(handle, { parameters: generateParameters() });

			expect(result.error).toBeUndefined();
			expect(stalledOnce).toBe(true);
			expect(storageGets()).toHaveLength(2);
			const [item] = result.items;
			expect(await result.readBinary(item)).toEqual(fake.resultBytes(item.json.imageId as string));
		} finally {
			delete (fake as unknown as Record<string, unknown>).storageOrigin;
		}
	});
});
