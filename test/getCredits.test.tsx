/**
 * What Generate spends (issue 6): every item says what it cost, and Options > Max Credits
 * refuses the items past the cap before anything is submitted for them.
 */
import { withFake } from './support/fake';
import { editParameters, generateParameters } from './support/parameters';
import { generateBodies } from './support/requests';
import { numberedItems, runNode } from './support/run';

const handle = withFake({ balance: 100 });

beforeEach(() => {
	handle.fake.balance = 100;
});

describe('cost in the output', () => {
	it('every item, waited for or not, carries creditsUsed and the balance after its submit', async () => {
		for (const waitForCompletion of [true, false]) {
			const before = handle.fake.balance;
			const result = await runNode(handle, {
				parameters: generateParameters({ waitForCompletion }),
				items: numberedItems(3),
			});

			expect(result.error).toBeUndefined();
			for (const item of result.items) expect(item.json).toMatchObject({ creditsUsed: 4, newBalance: expect.any(Number) });
			const balances = result.items.map((item) => item.json.newBalance as number).sort((a, b) => b - a);
			expect(balances).toEqual([before - 4, before - 8, before - 12]);
			expect(handle.fake.balance).toBe(before - 12);
		}
	});

	it('the edit model costs 2', async () => {
		const result = await runNode(handle, { parameters: editParameters() });
		expect(result.items[0].json).toMatchObject({ creditsUsed: 2, newBalance: 98 });
	});
});

describe('Options > Max Credits', () => {
	it('refuses the items past the cap before submitting anything for them (Continue)', async () => {
		const result = await runNode(handle, {
			parameters: generateParameters({ options: { maxCredits: 10 } }),
			items: numberedItems(4),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.items.slice(0, 2).map((item) => [item.json.status, item.json.creditsUsed])).toEqual([
			['completed', 4],
			['completed', 4],
		]);
		for (const [index, item] of result.items.slice(2).entries()) {
			expect(item.json.error).toMatch(/Not submitted.*Max Credits \(10; 8 already planned\)/);
			expect(item.json.error).toContain(`[item ${index + 2}]`);
			expect(item.json.imageId).toBeUndefined();
			expect(item.pairedItem).toEqual({ item: index + 2 });
		}
		expect(generateBodies(handle.fake)).toHaveLength(2);
		expect(handle.fake.balance).toBe(92);
	});

	it('without Continue, refuses the whole run before any request', async () => {
		const result = await runNode(handle, {
			parameters: generateParameters({ options: { maxCredits: 10 } }),
			items: numberedItems(4),
		});

		expect(result.error?.message).toMatch(/Not submitted.*Max Credits/);
		expect(result.error?.message).toContain('[item 2]');
		expect(handle.fake.apiRequests()).toHaveLength(0);
		expect(handle.fake.balance).toBe(100);
	});

	it('a cap that exactly fits lets every item through', async () => {
		const result = await runNode(handle, {
			parameters: editParameters({ options: { maxCredits: 6 } }),
			items: numberedItems(3),
		});
		expect(result.error).toBeUndefined();
		expect(generateBodies(handle.fake)).toHaveLength(3);
		expect(handle.fake.balance).toBe(94);
	});

	it('a cap of 0 submits nothing', async () => {
		const result = await runNode(handle, {
			parameters: generateParameters({ options: { maxCredits: 0 } }),
			items: numberedItems(2),
			continueOnFail: true,
		});
		expect(result.items.every((item) => /Max Credits/.test(String(item.json.error)))).toBe(true);
		expect(handle.fake.apiRequests()).toHaveLength(0);
	});

	it('items refused for bad input do not use up the budget', async () => {
		const result = await runNode(handle, {
			parameters: generateParameters({ prompt: '={{ $json.n === 0 ? "" : "A red bicycle" }}', options: { maxCredits: 8 } }),
			items: numberedItems(3),
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toContain('prompt');
		expect(result.items.slice(1).map((item) => item.json.status)).toEqual(['completed', 'completed']);
		expect(generateBodies(handle.fake)).toHaveLength(2);
	});

	it('with no cap set, nothing is refused', async () => {
		const result = await runNode(handle, { parameters: generateParameters(), items: numberedItems(5) });
		expect(result.error).toBeUndefined();
		expect(generateBodies(handle.fake)).toHaveLength(5);
	});
});
