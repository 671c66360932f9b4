import {
	NodeHelpers,
	UnexpectedError,
	type IExecuteFunctions,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
} from 'n8n-workflow';

export interface ThrowWatch {
	typeName: string;
	onThrow(error: unknown): void;
}

/**
 * n8n's node type registry, over a plain map of type name to instance. Optionally
 * notes what one type's execute() throws: WorkflowExecute keeps only a plain-object copy
 * of a node's error, and tests want the error object itself.
 */
export class EngineNodeTypes implements INodeTypes {
	private readonly watched = new Map<INodeType, INodeType>();

	constructor(
		private readonly types: Record<string, INodeType | IVersionedNodeType>,
		private readonly throwWatch?: ThrowWatch,
	) {}

	getByName(typeName: string): INodeType | IVersionedNodeType {
		const type = this.types[typeName];
		if (!type) throw new UnexpectedError(`Unknown node type "${typeName}"`);
		return type;
	}

	getByNameAndVersion(typeName: string, version?: number): INodeType {
		const nodeType = NodeHelpers.getVersionedNodeType(this.getByName(typeName), version);
		if (typeName !== this.throwWatch?.typeName) return nodeType;
		let watched = this.watched.get(nodeType);
		if (!watched) {
			watched = recordingThrows(nodeType, this.throwWatch.onThrow);
			this.watched.set(nodeType, watched);
		}
		return watched;
	}

	getKnownTypes() {
		return {};
	}
}

function recordingThrows(nodeType: INodeType, onThrow: (error: unknown) => void): INodeType {
	const { execute } = nodeType;
	if (!execute) return nodeType;
	const watchedExecute = async function (this: IExecuteFunctions) {
		try {
			return await execute.call(this);
		} catch (error) {
			onThrow(error);
			throw error;
		}
	};
	return new Proxy(nodeType, {
		get: (target, property) =>
			property === 'execute' ? watchedExecute : Reflect.get(target, property, target),
	});
}

/** The version the editor gives a newly added node of this type. */
export function defaultTypeVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	const { version } = type.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}
