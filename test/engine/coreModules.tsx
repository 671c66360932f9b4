/**
 * n8n-core ships its own copies of @n8n/di, @n8n/backend-common and @n8n/backend-network
 * (nested under node_modules/n8n-core/node_modules). Its services are registered in *that*
 * Container and keyed by *those* classes, so the harness must load them from n8n-core's
 * dependency tree, not from the top-level copies that a plain `import` would find.
 */
import path from 'node:path';

import type { Container as ContainerInstance, ServiceIdentifier } from '@n8n/di';

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));

function requireFromCore<T>(moduleId: string): T {
	// require.resolve with `paths` keeps jest's module registry in charge (createRequire would not).
	return require(require.resolve(moduleId, { paths: [coreDir] })) as T;
}

export const Container = requireFromCore<{ Container: typeof ContainerInstance }>('@n8n/di')
	.Container;

/** The class n8n-core asks the Container for when a node reads `this.logger`. */
export const LoggerToken = requireFromCore<{ Logger: ServiceIdentifier }>(
	'@n8n/backend-common',
).Logger;
