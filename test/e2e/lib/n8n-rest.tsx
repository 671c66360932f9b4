// A REST session with a running n8n, as its editor holds one: auth cookie plus the browser-id header.
import { check } from './context';

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export const OWNER: Owner = { email: 'owner@e2e.test', firstName: 'E2E', lastName: 'Owner', password: 'E2e-Password-1' };
const BROWSER_ID = 'rawugc-e2e-browser';

export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request(method: string, route: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
		const response = await fetch(new URL(route, this.baseUrl), {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('n8n-auth='));
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let json: unknown;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	/** First start: makes the owner account (the CLI imports already belong to its project), then logs in. */
	async setUpOwnerAndLogIn(owner: Owner = OWNER): Promise<void> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		check(setup.status === 200, `owner setup answered ${setup.status}`, setup.text.slice(0, 2000));
		const login = await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		check(login.status === 200 && this.cookie, `login answered ${login.status}`, login.text.slice(0, 2000));
	}

	/** Logs in as the owner, setting the owner up first when this n8n has none yet. */
	async logInOrSetUp(): Promise<void> {
		const login = await this.request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (login.status === 200 && this.cookie) return;
		await this.setUpOwnerAndLogIn();
	}

	/** What the editor's "test" of a credential answers: { status: 'OK' | 'Error', message }. */
	async testCredential(credential: Record<string, unknown>): Promise<{ status: string; message?: string }> {
		const answer = await this.request('POST', '/rest/credentials/test', { credentials: credential });
		check(answer.status === 200, `credential test answered ${answer.status}`, answer.text.slice(0, 2000));
		const json = answer.json as { data?: { status: string; message?: string } } & { status?: string; message?: string };
		return json.data ?? (json as { status: string; message?: string });
	}
}
