/** Waiting in tests for something the fake or the run shows, never for a fixed time to assert on. */

/** Resolves once `condition` holds (checked every 20 ms). */
export async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A plain pause, for setting a scene (never to assert on). */
export async function pauseMs(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
