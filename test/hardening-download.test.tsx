/**
 * A download tried again leaves nothing of the failed try in n8n's binary store (filesystem
 * mode): a body that is not whole is never stored, so the store holds the whole image only, or
 * nothing. A file host that would compress the image is asked not to, so its Content-Length
 * counts the image's own bytes.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { engineServices } from './engine/engineServices';
import { withFake } from './support/fake';
import { generateParameters } from './support/parameters';
import { runNode } from './support/run';

const handle = withFake({ resultBytes: 300_000 });

/** Every file under the binary data folder, by path relative to it. */
async function storedFiles(): Promise<string[]> {
	const { storageDir } = await engineServices();
	const entries = readdirSync(storageDir, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(storageDir, path.join(entry.parentPath, entry.name)));
}

describe('a download cut off and tried again', () => {
	it('leaves only the whole image (and its metadata) in the binary store', async () => {
		handle.fake.setStorageMode('*', { truncate: 1 });
		const before = new Set(await storedFiles());

		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		const stored = result.items[0].binary!.data;
		expect(await result.readBinary(result.items[0])).toEqual(handle.fake.resultBytes(result.items[0].json.imageId as string));
		const kept = path.basename(stored.id!.split(':')[1]);
		const added = (await storedFiles()).filter((file) => !before.has(file)).map((file) => path.basename(file));
		expect(added.sort()).toEqual([kept, `${kept}.metadata`].sort());
	});

	it('cut off every time: nothing of it is left in the binary store', async () => {
		handle.fake.setStorageMode('*', { truncate: 100 });
		const before = new Set(await storedFiles());

		const result = await runNode(handle, { parameters: generateParameters(), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/Downloading the image failed after 3 tries/);
		expect((await storedFiles()).filter((file) => !before.has(file))).toEqual([]);
	});
});

describe('a file host that compresses what it sends', () => {
	it('is asked for the bytes as they are: one try, the image whole, nothing else stored', async () => {
		handle.fake.setStorageMode('*', { gzip: 'whenAsked' });
		const before = new Set(await storedFiles());

		const result = await runNode(handle, { parameters: generateParameters() });

		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(await result.readBinary(item)).toEqual(handle.fake.resultBytes(item.json.imageId as string));
		expect(handle.fake.storageRequests()).toHaveLength(1);
		expect((await storedFiles()).filter((file) => !before.has(file))).toHaveLength(2); // the image and its metadata
	});

	it('compressing anyway, so the length never matches: every try fails and none leaves a file behind', async () => {
		handle.fake.setStorageMode('*', { gzip: 'always' });
		const before = new Set(await storedFiles());

		const result = await runNode(handle, { parameters: generateParameters(), continueOnFail: true });

		expect(result.items[0].json.error).toMatch(/Downloading the image failed after 3 tries/);
		expect(result.items[0].binary).toBeUndefined();
		expect((await storedFiles()).filter((file) => !before.has(file))).toEqual([]);
	});
});
