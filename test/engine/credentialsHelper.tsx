/**
 * Credentials for one run, served to n8n-core the way n8n's CLI CredentialsHelper does it:
 * stored values get the credential type's defaults and have their expressions resolved,
 * and `authenticate` applies the type's function or generic (expression) rules.
 */
import { Credentials, getAdditionalKeys } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	isExpression,
	UnexpectedError,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type ICredentialType,
	type IExecuteData,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

export class EngineCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		/** Stored (decrypted) values, by credential type name. */
		private readonly storedData: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private credentialType(typeName: string): ICredentialType {
		const type = this.credentialTypes[typeName];
		if (!type) throw new UnexpectedError(`Unknown credential type "${typeName}"`);
		return type;
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.credentialTypes[typeName]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	getCredentialsProperties(typeName: string): INodeProperties[] {
		const type = this.credentialType(typeName);
		if (!type.extends) return type.properties;
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		typeName: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.storedData[typeName];
		if (!stored) throw new UnexpectedError(`No credentials of type "${typeName}" in this run`);
		// A fresh copy each time, as decrypting from the database gives.
		const data = structuredClone(stored);
		if (raw === true) return data;

		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(typeName),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (!expressionResolveValues) return withDefaults;

		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
			expressionResolveValues;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		return workflow.expression.getParameterValue(
			withDefaults as INodeParameters,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			additionalKeys,
			executeData,
			false,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type !== 'generic') return requestOptions as IHttpRequestOptions;
		if (!workflow || !node) {
			throw new UnexpectedError('Generic credential authentication needs the workflow and node');
		}

		// e.g. { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } }
		const target = requestOptions as unknown as Record<string, Record<string, string> | undefined>;
		for (const [section, entries] of Object.entries(authenticate.properties)) {
			const sectionValues = (target[section] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, string>)) {
				const resolvedKey = this.resolve(key, credentials, workflow, node);
				sectionValues[resolvedKey] = this.resolve(value, credentials, workflow, node);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	private resolve(
		value: string,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(value)) return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		return resolved ? String(resolved) : '';
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, typeName: string) {
		return new Credentials(nodeCredentials, typeName);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}
}
