/**
 * Calls a node's `methods.loadOptions` or `methods.listSearch` the way the editor's list loading
 * does: with n8n-core's LoadOptionsContext on a workflow holding the node, and n8n's credential
 * handling.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type IWorkflowBase,
} from 'n8n-workflow';

import { EngineCredentialsHelper } from './credentialsHelper';
import { engineServices } from './engineServices';
import { EngineNodeTypes } from './nodeTypes';
import { buildAdditionalData } from './runWorkflow';

export interface LoadOptionsRun {
	nodeType: string;
	node: INodeType;
	credentialTypes: Record<string, ICredentialType>;
	/** Stored credential values by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
	parameters: INodeParameters;
	method: string;
	/** The parameter whose list is loaded, as the editor names it. */
	path: string;
}

/** The context the editor gives a node's list methods: n8n-core's LoadOptionsContext on a workflow holding the node. */
async function listContext(run: LoadOptionsRun): Promise<LoadOptionsContext> {
	await engineServices();
	const node: INode = {
		id: 'load-options-node',
		name: 'Node',
		type: run.nodeType,
		typeVersion: 1,
		position: [0, 0],
		parameters: run.parameters,
		credentials: Object.fromEntries(Object.keys(run.credentials).map((type) => [type, { id: `${type}-id`, name: `${type} account` }])),
	};
	const nodeTypes = new EngineNodeTypes({ [run.nodeType]: run.node }, { typeName: run.nodeType, onThrow: () => undefined });
	const workflow = new Workflow({ id: 'load-options', nodes: [node], connections: {}, active: false, nodeTypes, settings: {} });
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: 'load-options',
		name: 'Load options',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [node],
		connections: {},
		settings: {},
	};
	const hooks = new ExecutionLifecycleHooks('manual', 'load-options', workflowData);
	const additionalData = buildAdditionalData('load-options', 'load-options', hooks, new EngineCredentialsHelper(run.credentialTypes, run.credentials));
	return new LoadOptionsContext(workflow, node, additionalData, run.path);
}

export async function loadOptions(run: LoadOptionsRun): Promise<INodePropertyOptions[]> {
	const method = run.node.methods?.loadOptions?.[run.method];
	if (!method) throw new Error(`The node has no loadOptions method "${run.method}"`);
	return await method.call(await listContext(run));
}

/** A resource locator's list as the editor loads it (`filter`: what the user typed in its search). */
export async function listSearch(run: LoadOptionsRun & { filter?: string; paginationToken?: string }): Promise<INodeListSearchResult> {
	const method = run.node.methods?.listSearch?.[run.method];
	if (!method) throw new Error(`The node has no listSearch method "${run.method}"`);
	return await method.call(await listContext(run), run.filter, run.paginationToken);
}
