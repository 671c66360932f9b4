// The community-node rules n8n applies to published packages (via @n8n/node-cli's config).
import { config } from '@n8n/node-cli/eslint';

export default config;
