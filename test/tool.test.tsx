/**
 * The node as a tool for n8n's AI Agent (usableAsTool). n8n makes the tool variant of the
 * node from its description (the CLI's convertNodeToAiTool), and n8n-core turns a connected
 * tool node into a LangChain tool (createNodeAsTool: schema from the node's $fromAI
 * parameters, description from the operation's action). Here a probe "agent" node gets the
 * tool through n8n-core's real getInputConnectionData in a WorkflowExecute run, calls it
 * against the fake, and reads what an agent would read: the JSON, never the binary.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { RawUgcApi as RawUgcCredential } from '../credentials/RawUgcApi.credentials';
import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { EngineCredentialsHelper } from './engine/credentialsHelper';
import { engineServices } from './engine/engineServices';
import { EngineNodeTypes } from './engine/nodeTypes';
import { withFake } from './support/fake';

const handle = withFake({ jobDurationMs: 0 });

const TOOL_TYPE = 'n8n-nodes-rawugc.rawUgcTool';
const AGENT_TYPE = 'n8n-nodes-tooltest.agentProbe';

// The installed n8n's own conversion (scripts/e2e caches n8n 2.41.1 there), when present.
const CACHED_N8N_AI_TOOLS = path.join(
	process.env.RAWUGC_E2E_CACHE ?? path.join(homedir(), '.cache', 'n8n-nodes-rawugc'),
	'n8n-2.41.1/node_modules/n8n/dist/tool-generation/ai-tools.js',
);
const n8nConvert = existsSync(CACHED_N8N_AI_TOOLS)
	? // eslint-disable-next-line @typescript-eslint/no-require-imports
		(require(CACHED_N8N_AI_TOOLS) as {
			convertNodeToAiTool: <T extends { description: INodeTypeDescription }>(item: T) => T;
		}).convertNodeToAiTool
	: undefined;

/** The tool variant's description: n8n's conversion when available, else its essentials. */
function toolDescription(): INodeTypeDescription {
	const description = deepCopy(new RawUgc().description);
	if (n8nConvert) return n8nConvert({ description }).description;
	return { ...description, name: `${description.name}Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] };
}

/** The tool node n8n runs: the node's own class under the tool description, as n8n loads it. */
function toolNodeType(): INodeType {
	const nodeType = new RawUgc();
	nodeType.description = toolDescription();
	return nodeType;
}

/** What the agent saw: the tool's name, description, JSON schema and the answer to one call. */
interface AgentView {
	name: string;
	description: string;
	schemaKeys: string[];
	answer?: string;
	error?: string;
}

/** A stand-in for the AI Agent: takes the connected tool from n8n-core and calls it once. */
class AgentProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agent Probe',
		name: 'agentProbe',
		group: ['transform'],
		version: 1,
		description: 'Calls its one connected tool with the given arguments',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, required: true }],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	// n8n calls execute with the node's context as `this`, so the arguments travel by closure.
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	constructor(toolArgs: IDataObject) {
		this.execute = async function (this: IExecuteFunctions) {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as Array<{
				name: string;
				description: string;
				schema: { shape: Record<string, unknown> };
				invoke(args: IDataObject): Promise<string>;
			}>;
			const tool = tools[0];
			const view: AgentView = { name: tool.name, description: tool.description, schemaKeys: Object.keys(tool.schema.shape) };
			try {
				view.answer = await tool.invoke(toolArgs);
			} catch (error) {
				view.error = (error as Error).message;
			}
			return [[{ json: view as unknown as IDataObject }]];
		};
	}
}

let executions = 0;
const N8N_URL = 'http://127.0.0.1:5678';

/** Runs Trigger -> Agent Probe <-(ai_tool)- RawUGC Tool through WorkflowExecute. */
async function runAsTool(toolParameters: INodeParameters, toolArgs: IDataObject): Promise<AgentView> {
	const services = await engineServices();
	const executionId = `tool-${++executions}`;
	services.binaryModeOfExecution.set(executionId, 'filesystem');
	const agent: INode = {
		id: randomUUID(),
		name: 'Agent',
		type: AGENT_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	const tool: INode = {
		id: randomUUID(),
		name: 'RawUGC',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [200, 200],
		parameters: toolParameters,
		credentials: { rawUgcApi: { id: 'rawugc-id', name: 'RawUGC account' } },
	};
	const nodes = [agent, tool];
	const connections = { RawUGC: { [NodeConnectionTypes.AiTool]: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] } };
	const nodeTypes = new EngineNodeTypes({ [AGENT_TYPE]: new AgentProbe(toolArgs), [TOOL_TYPE]: toolNodeType() });
	const settings = { executionOrder: 'v1' as const };
	const workflow = new Workflow({ id: 'tool-workflow', name: 'Tool', nodes, connections, active: false, nodeTypes, settings });
	const now = new Date();
	const workflowData: IWorkflowBase = {
		id: 'tool-workflow',
		name: 'Tool',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings,
	};
	const additionalData = {
		credentialsHelper: new EngineCredentialsHelper({ rawUgcApi: new RawUgcCredential() }, { rawUgcApi: handle.credentials() }),
		hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
		executionId,
		workflowId: 'tool-workflow',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${N8N_URL}/rest`,
		instanceBaseUrl: N8N_URL,
		formWaitingBaseUrl: `${N8N_URL}/form-waiting`,
		webhookBaseUrl: `${N8N_URL}/webhook`,
		webhookWaitingBaseUrl: `${N8N_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${N8N_URL}/webhook-test`,
		variables: {},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: agent, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData.Agent?.[0];
	if (!task?.data) throw new Error(`the agent did not run: ${JSON.stringify(task?.error ?? run.data.resultData.error)}`);
	return task.data.main[0]![0].json as unknown as AgentView;
}

/** A parameter the model fills, as the editor writes it ("let the model define this parameter"). */
function fromAI(key: string, description: string, type = 'string'): string {
	return `={{ $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

describe('the tool variant of the description', () => {
	const description = toolDescription();

	(n8nConvert ? it : it.skip)('is what the installed n8n 2.41.1 makes of usableAsTool', () => {
		expect(description.name).toBe('rawUgcTool');
		expect(description.outputs).toEqual([NodeConnectionTypes.AiTool]);
		expect(description.properties.map((property) => property.name)).toEqual(
			expect.arrayContaining(['descriptionType', 'toolDescription', 'resource', 'operation']),
		);
	});

	it('has no parameter issues at its defaults for any operation (n8n-workflow\'s own checks)', () => {
		const operations = ['generate', 'get', 'getMany'];
		for (const operation of operations) {
			const values: INodeParameters = { resource: 'image', operation, prompt: 'A cat', imageId: 'img_1' };
			const node = { name: 'RawUGC', type: TOOL_TYPE, typeVersion: 1, parameters: values } as INode;
			const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description);
			const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...node, parameters: parameters! }, description);
			expect({ operation, issues }).toEqual({ operation, issues: null });
		}
		// The same check does see a missing required parameter.
		const empty = { resource: 'image', operation: 'get', imageId: '' };
		const node = { name: 'RawUGC', type: TOOL_TYPE, typeVersion: 1, parameters: empty } as unknown as INode;
		expect(NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters).toHaveProperty('imageId');
	});

	it('every operation has an action an agent reads as the tool description', () => {
		const operation = description.properties.find((property) => property.name === 'operation')!;
		for (const option of operation.options as Array<{ value: string; action?: string }>) {
			const parameters = { resource: 'image', operation: option.value, descriptionType: 'auto' };
			const text = NodeHelpers.getToolDescriptionForNode({ parameters } as unknown as INode, { description } as INodeType);
			expect(text).toBe(`${option.action} in RawUGC`);
		}
	});

	it('$fromAI parameters become the tool schema (n8n-core\'s getSchema) without errors', () => {
		const node = {
			name: 'RawUGC',
			parameters: {
				resource: 'image',
				operation: 'generate',
				prompt: fromAI('prompt', 'What the image should show'),
				aspectRatio: fromAI('aspectRatio', 'One of 1:1, 16:9, 9:16, 4:3, 3:4, auto'),
				options: { download: false },
			},
		} as unknown as INode;
		const schema = getSchema(node);
		expect(Object.keys(schema.shape).sort()).toEqual(['aspectRatio', 'prompt']);
		expect(schema.shape.prompt.description).toBe('What the image should show');
	});
});

describe('an agent calling the node as a tool', () => {
	it('Generate: the JSON alone gives the agent the imageId, status, url and cost', async () => {
		const view = await runAsTool(
			{ resource: 'image', operation: 'generate', descriptionType: 'auto', prompt: fromAI('prompt', 'What the image should show') },
			{ prompt: 'A red bicycle' },
		);

		expect(view.error).toBeUndefined();
		expect(view.name).toBe('RawUGC');
		expect(view.description).toBe('Generate an image in RawUGC');
		expect(view.schemaKeys).toEqual(['prompt']);
		const [job] = JSON.parse(view.answer!) as IDataObject[];
		expect(job).toMatchObject({ status: 'completed', prompt: 'A red bicycle', creditsUsed: 4 });
		expect(job.imageId).toMatch(/^img_/);
		expect(String(job.url)).toContain(handle.fake.storageOrigin);
		expect(JSON.stringify(view)).not.toContain('"binary"');
	});

	it('Get: collects an image by the imageId the model gives', async () => {
		const submitted = await runAsTool(
			{ resource: 'image', operation: 'generate', prompt: fromAI('prompt', 'What the image should show'), waitForCompletion: false },
			{ prompt: 'A lighthouse' },
		);
		const [{ imageId }] = JSON.parse(submitted.answer!) as IDataObject[];

		const view = await runAsTool(
			{
				resource: 'image',
				operation: 'get',
				imageId: fromAI('imageId', 'The imageId a previous Generate call returned'),
				options: { download: false },
			},
			{ imageId },
		);

		expect(view.description).toBe('Get an image in RawUGC');
		expect(JSON.parse(view.answer!)).toEqual([expect.objectContaining({ imageId, status: 'completed', url: expect.any(String) })]);
	});

	it('Get Many: lists jobs for the model', async () => {
		await runAsTool({ resource: 'image', operation: 'generate', prompt: 'A cat', waitForCompletion: false }, {});
		const view = await runAsTool(
			{ resource: 'image', operation: 'getMany', limit: fromAI('limit', 'How many images to list', 'number') },
			{ limit: 5 },
		);
		const jobs = JSON.parse(view.answer!) as IDataObject[];
		expect(jobs).toHaveLength(1);
		expect(jobs[0]).toMatchObject({ imageId: expect.any(String), status: expect.any(String) });
	});

	it('an error reaches the agent as a message naming the cause', async () => {
		const view = await runAsTool(
			{ resource: 'image', operation: 'get', imageId: fromAI('imageId', 'The imageId to collect') },
			{ imageId: 'img_unknown' },
		);
		expect(view.error).toMatch(/img_unknown.*not found/);
	});
});

describe('an agent researching with the node as a tool', () => {
	it('the actions an agent reads for the research, viral library and brand library operations', () => {
		const description = toolDescription();
		const actionOf = (resource: string, operation: string) =>
			NodeHelpers.getToolDescriptionForNode({ parameters: { resource, operation, descriptionType: 'auto' } } as unknown as INode, { description } as INodeType);

		expect(actionOf('viralVideo', 'search')).toBe('Search the viral library in RawUGC');
		expect(actionOf('research', 'analyzeVideo')).toBe('Analyze a video in RawUGC');
		expect(actionOf('research', 'createContentPlan')).toBe('Create a content plan in RawUGC');
		expect(actionOf('research', 'scrapeTiktok')).toBe('Scrape TikTok in RawUGC');
		expect(actionOf('product', 'getMany')).toBe('Get many products in RawUGC');
	});

	it('Search the viral library: the model gives the query, the agent reads videos with their links and scores', async () => {
		const view = await runAsTool(
			{ resource: 'viralVideo', operation: 'search', query: fromAI('query', 'What kind of viral video to find, in plain words'), limit: 5 },
			{ query: 'unboxing earbuds' },
		);

		expect(view.error).toBeUndefined();
		expect(view.schemaKeys).toEqual(['query']);
		const [video] = JSON.parse(view.answer!) as IDataObject[];
		expect(video).toMatchObject({ id: 'vv_0002', tiktokUrl: expect.stringContaining('tiktok.com'), score: expect.any(Number) });
	});

	it('Analyze a video: the model gives the link, the agent reads the analysis', async () => {
		const view = await runAsTool(
			{ resource: 'research', operation: 'analyzeVideo', videoUrl: fromAI('videoUrl', 'The link of the video to analyse') },
			{ videoUrl: 'https://www.tiktok.com/@creator/video/123' },
		);

		expect(view.error).toBeUndefined();
		const [analysis] = JSON.parse(view.answer!) as IDataObject[];
		expect(analysis).toMatchObject({ hook: expect.any(String), hooksToTest: expect.any(Array) });
	});

	it('Create a content plan: the model gives the scrapeId and the brief', async () => {
		const scrape = await runAsTool(
			{ resource: 'research', operation: 'scrapeTiktok', query: fromAI('query', 'What to look for on TikTok'), limit: 2 },
			{ query: 'serum' },
		);
		const [{ scrapeId }] = JSON.parse(scrape.answer!) as IDataObject[];

		const view = await runAsTool(
			{
				resource: 'research',
				operation: 'createContentPlan',
				scrapeId: fromAI('scrapeId', 'The scrapeId Scrape TikTok returned'),
				brief: fromAI('brief', 'What the plan is for'),
			},
			{ scrapeId, brief: 'Three ideas for a serum' },
		);

		expect(view.error).toBeUndefined();
		const [plan] = JSON.parse(view.answer!) as IDataObject[];
		expect(plan).toMatchObject({ planId: expect.any(String), scrapeId, blueprints: expect.any(Array) });
	});
});
