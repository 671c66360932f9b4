import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class RawUgcApi implements ICredentialType {
	name = 'rawUgcApi';

	displayName = 'RawUGC API';

	icon: Icon = { light: 'file:rawugc.svg', dark: 'file:rawugc.dark.svg' };

	documentationUrl = 'https://docs.rawugc.com/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Made in the RawUGC dashboard under Account Settings. The secret is shown once.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://rawugc.com/api/v1',
			description: 'Leave as it is unless RawUGC tells you otherwise',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// Listing one job costs no credit and proves the key works.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/images',
			qs: { limit: 1 },
			headers: { 'RawUGC-Version': '2026-03-06' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: { value: 401, message: 'RawUGC refused this API key: check it in the RawUGC dashboard' },
			},
			{
				type: 'responseCode',
				properties: { value: 403, message: 'This RawUGC API key is not allowed to list images' },
			},
		],
	};
}
