/** Named steps of a long check run (real n8n, queue mode): each announced, timed, and listed at the end. */
export class Steps {
	private readonly timings: Array<[string, number]> = [];
	/** The step running now, or the last one started (for a failure met outside a step). */
	current = 'setup';

	async run<T>(name: string, body: () => Promise<T>, onFailure?: (error: unknown) => void): Promise<T> {
		console.log(`\n▶ ${name}`);
		this.current = name;
		const started = Date.now();
		try {
			const value = await body();
			this.record(name, started);
			console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
			return value;
		} catch (error) {
			this.record(`${name} (FAILED)`, started);
			onFailure?.(error);
			throw error;
		}
	}

	/** Records how long something since `started` took, under `name`. */
	record(name: string, started: number): void {
		this.timings.push([name, Date.now() - started]);
	}

	printTimings(): void {
		console.log('\nTimings:');
		for (const [name, ms] of this.timings) console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
	}
}
