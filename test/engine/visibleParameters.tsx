import {
	NodeHelpers,
	type INodeParameters,
	type INodeTypeDescription,
} from 'n8n-workflow';

function newestVersion(description: INodeTypeDescription): number {
	const { version } = description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/**
 * The top-level parameter names the n8n editor would show for these values, decided by
 * n8n-workflow's own display rules: values get their defaults first (as the editor does),
 * then each property's displayOptions are checked against them.
 */
export function visibleParameters(
	description: INodeTypeDescription,
	parameters: INodeParameters,
	typeVersion: number = newestVersion(description),
): string[] {
	const node = { typeVersion };
	const values =
		NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ??
		{};
	const shown: string[] = [];
	for (const property of description.properties) {
		if (shown.includes(property.name)) continue;
		if (NodeHelpers.displayParameter(values, property, node, description, values)) {
			shown.push(property.name);
		}
	}
	return shown;
}
