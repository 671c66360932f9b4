import type { E2eContext } from '../lib/context';
export async function runBrowserChecks(_context: E2eContext, _exampleIds: string[]): Promise<void> {}
