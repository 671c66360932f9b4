/**
 * Runs a polling trigger the way n8n runs an active workflow's poll node: one n8n-core
 * PollContext per activation, each tick through n8n-core's TriggersAndPollers.runPollFunction,
 * the workflow's static data kept between ticks (n8n keeps it on the Workflow while active and
 * saves it with each emitted execution). The editor's "Fetch Test Event" runs the workflow
 * from the trigger with n8n-core's WorkflowExecute in manual mode.
 */
import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, PollContext, TriggersAndPollers, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IVersionedNodeType,
	type IWorkflowBase,
	type WorkflowActivateMode,
} from 'n8n-workflow';

import { Container } from './coreModules';
import { EngineCredentialsHelper } from './credentialsHelper';
import { engineServices } from './engineServices';
import { defaultTypeVersion, EngineNodeTypes } from './nodeTypes';
import { collectLogs } from './recordingLogger';
import { binaryReader, buildAdditionalData, type RunResult } from './runWorkflow';

export interface TriggerSpec {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
	nodeType: string;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** What n8n tells the poll it may spend (PollContext's getPollBudgetMs); n8n's default otherwise. */
	pollBudgetMs?: number;
}

export interface PollResult {
	/** What the poll returned for n8n to emit (one execution): empty when it returned null. */
	items: INodeExecutionData[];
	/** True when the poll returned items, i.e. n8n would start an execution. */
	emitted: boolean;
	error?: Error;
	logs: string[];
	readBinary(item: INodeExecutionData, property?: string): Promise<Buffer>;
}

let workflowCounter = 0;

function triggerWorkflow(spec: TriggerSpec, staticData: IDataObject, id: string) {
	const type = spec.nodeTypes[spec.nodeType];
	if (!type) throw new UnexpectedError(`nodeTypes has no "${spec.nodeType}"`);
	const typeVersion = defaultTypeVersion(type);
	const description = NodeHelpers.getVersionedNodeType(type, typeVersion).description;
	const node: INode = {
		id: `${id}-trigger`,
		name: description.defaults.name ?? description.displayName,
		type: spec.nodeType,
		typeVersion,
		position: [0, 0],
		parameters: structuredClone(spec.parameters),
	};
	if (spec.credentials) {
		node.credentials = Object.fromEntries(
			Object.keys(spec.credentials).map((name) => [name, { id: `${name}-id`, name: `${name} account` }]),
		);
	}
	const nodeTypes = new EngineNodeTypes(spec.nodeTypes);
	const settings = { executionOrder: 'v1' as const };
	const workflow = new Workflow({ id, name: 'Trigger harness', nodes: [node], connections: {}, active: true, nodeTypes, staticData, settings });
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id,
		name: 'Trigger harness',
		active: true,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [node],
		connections: {},
		settings,
	};
	return { workflow, workflowData, node: workflow.getNode(node.name)! };
}

/** An active workflow whose only node is the trigger under test. */
export class ActiveTrigger {
	private readonly context: PollContext;
	private readonly built: ReturnType<typeof triggerWorkflow>;

	private constructor(
		private readonly spec: TriggerSpec,
		staticData: IDataObject,
		readonly workflowId: string,
		activation: WorkflowActivateMode,
	) {
		this.built = triggerWorkflow(spec, staticData, workflowId);
		const { workflow, workflowData, node } = this.built;
		const hooks = new ExecutionLifecycleHooks('trigger', 'poll', workflowData);
		const additionalData = buildAdditionalData('poll', workflowId, hooks, new EngineCredentialsHelper(spec.credentialTypes, spec.credentials ?? {}));
		// n8n's poll runs outside any execution: there is no execution id yet.
		additionalData.executionId = undefined;
		const budget = spec.pollBudgetMs;
		this.context = new PollContext(
			workflow,
			node,
			additionalData,
			'trigger',
			activation,
			undefined,
			undefined,
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);
	}

	/** The user turns the workflow on. */
	static activate(spec: TriggerSpec): ActiveTrigger {
		return new ActiveTrigger(spec, {}, `trigger-workflow-${++workflowCounter}`, 'activate');
	}

	/** The workflow's static data as n8n would save it (what survives a restart). */
	get staticData(): IDataObject {
		// A JSON round trip, as n8n's database save is (the live object is an observing proxy).
		return JSON.parse(JSON.stringify(this.built.workflow.staticData)) as IDataObject;
	}

	/** What the trigger node keeps in it (`getWorkflowStaticData('node')`). */
	get nodeStaticData(): IDataObject {
		return (this.staticData[`node:${this.built.node.name}`] ?? {}) as IDataObject;
	}

	/** n8n restarts: the workflow comes back from its saved static data ('init'). */
	restart(): ActiveTrigger {
		return new ActiveTrigger(this.spec, this.staticData, this.workflowId, 'init');
	}

	/**
	 * The user turns it off and on again: same saved static data, a new activation ('create':
	 * n8n adds it as a workflow created active, e.g. imported with that static data).
	 */
	reactivate(activation: 'activate' | 'create' = 'activate'): ActiveTrigger {
		return new ActiveTrigger(this.spec, this.staticData, this.workflowId, activation);
	}

	/**
	 * The next tick of the same activation on a new PollContext (and Workflow) over the same
	 * live static data, as n8n 2.x's leased ticks run (each on a context of its own; 2.41.1 gives
	 * them the activation mode 'update').
	 */
	onNewContext(activation: WorkflowActivateMode = 'update'): ActiveTrigger {
		return new ActiveTrigger(this.spec, this.built.workflow.staticData, this.workflowId, activation);
	}

	/** The user saves the active workflow with changed trigger parameters: n8n re-adds it ('update') from the saved static data. */
	update(parameters: INodeParameters): ActiveTrigger {
		return new ActiveTrigger({ ...this.spec, parameters }, this.staticData, this.workflowId, 'update');
	}

	/** One tick of the poll, as n8n's poll executor runs it. */
	async poll(): Promise<PollResult> {
		const services = await engineServices();
		const logCollection = collectLogs();
		const readBinary = binaryReader(services.binaryDataServices.filesystem);
		const { workflow, node } = this.built;
		try {
			const response = await Container.get(TriggersAndPollers).runPollFunction(workflow, node, this.context);
			return { items: response?.[0] ?? [], emitted: response !== null, logs: logCollection.logs, readBinary };
		} catch (error) {
			return { items: [], emitted: false, error: error as Error, logs: logCollection.logs, readBinary };
		} finally {
			logCollection.stop();
		}
	}
}

/** The editor's "Fetch Test Event": the workflow runs from the trigger in manual mode. */
export async function fetchTestEvent(spec: TriggerSpec): Promise<RunResult> {
	const services = await engineServices();
	const id = `trigger-manual-${++workflowCounter}`;
	const { workflow, workflowData, node } = triggerWorkflow(spec, {}, id);
	const executionId = `manual-${randomUUID()}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = buildAdditionalData(executionId, id, hooks, new EngineCredentialsHelper(spec.credentialTypes, spec.credentials ?? {}));
	services.binaryModeOfExecution.set(executionId, 'filesystem');
	const logCollection = collectLogs();
	try {
		const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: node });
		const { runData } = run.data.resultData;
		const task = runData[node.name]?.[0];
		return {
			items: task?.data?.main?.[0] ?? [],
			error: task?.error ?? run.data.resultData.error,
			readBinary: binaryReader(services.binaryDataServices.filesystem),
			logs: logCollection.logs,
			runData,
			itemsOf: (name) => runData[name]?.[0]?.data?.main?.[0] ?? [],
		};
	} finally {
		logCollection.stop();
	}
}
