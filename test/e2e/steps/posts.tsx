// Step 3e: publishing through real n8n with the packed package: a post scheduled at 9:00 in a
// zone (the host n8n's luxon reads it), and a draft published now and waited for; one POST each.
import { check, type E2eContext } from '../lib/context';
import { executeWorkflow, nodeOutput, type ExecuteOutcome } from '../lib/n8n';
import { CREDENTIAL, CREDENTIAL_TYPE, NODE_TYPE, RAWUGC_NODE_NAME, rawUgcWorkflow, type WorkflowFile } from '../workflows';

const VIDEO_URL = 'https://storage.rawugc.com/videos/e2e-post.mp4';
const ACCOUNT = 'acc_tiktok_1';
const PUBLISH_NODE = 'Publish the draft';

/** Winter in Berlin: 9:00 there is 08:00 UTC. */
export const scheduledPost = rawUgcWorkflow('e2eSchedulePost1', 'e2e schedule a post at 9:00 Berlin', {
	resource: 'socialPost',
	operation: 'create',
	accountIds: [ACCOUNT],
	mode: 'schedule',
	videoUrl: VIDEO_URL,
	content: 'e2e scheduled post',
	scheduledFor: '2030-01-15T09:00:00',
	timezone: 'Europe/Berlin',
});

const draftThenPublish: WorkflowFile = (() => {
	const workflow = rawUgcWorkflow('e2eDraftPublish1', 'e2e draft, then publish it now', {
		resource: 'socialPost',
		operation: 'create',
		accountIds: [ACCOUNT],
		mode: 'draft',
		videoUrl: VIDEO_URL,
		content: 'e2e published post',
	});
	workflow.nodes.push({
		id: 'c3a8e1f0-7d2b-4e5a-9b1c-6f0d2e4a8b13',
		name: PUBLISH_NODE,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [520, 0],
		parameters: { resource: 'socialPost', operation: 'publish', postId: '={{ $json.postId }}', waitForCompletion: true },
		credentials: { [CREDENTIAL_TYPE]: CREDENTIAL },
	});
	workflow.connections[RAWUGC_NODE_NAME] = { main: [[{ node: PUBLISH_NODE, type: 'main', index: 0 }]] };
	return workflow;
})();

export const postWorkflows = [scheduledPost, draftThenPublish];

function outputOf(outcome: ExecuteOutcome): string {
	return `--- n8n stdout (tail) ---\n${outcome.result.stdout.slice(-6000)}\n--- n8n stderr (tail) ---\n${outcome.result.stderr.slice(-4000)}`;
}

async function postsSent(context: E2eContext, since: number, content: string): Promise<number> {
	const requests = (await context.fake!.requests('api')).slice(since);
	return requests.filter((request) => request.method === 'POST' && request.path.endsWith('/social/posts') && request.bodyText?.includes(content)).length;
}

export async function runPostChecks(context: E2eContext): Promise<void> {
	const before = (await context.fake!.requests('api')).length;

	const scheduled = await executeWorkflow(context.setup, scheduledPost.id);
	check(scheduled.succeeded && scheduled.run, 'schedule a post: n8n execute did not succeed', outputOf(scheduled));
	const [post] = nodeOutput(scheduled.run, RAWUGC_NODE_NAME);
	const nineInBerlin = Date.parse('2030-01-15T08:00:00Z');
	check(
		post?.json.status === 'scheduled' && post.json.scheduledFor === nineInBerlin && post.json.timezone === 'Europe/Berlin',
		`schedule a post: expected scheduled for ${nineInBerlin} (9:00 Europe/Berlin)`,
		post?.json,
	);
	check((await postsSent(context, before, 'e2e scheduled post')) === 1, 'schedule a post: not exactly one POST /social/posts');
	console.log(`    schedule a post: ${String(post.json.postId)} scheduled for 2030-01-15 09:00 Europe/Berlin (${nineInBerlin}); 1 POST`);

	const published = await executeWorkflow(context.setup, draftThenPublish.id);
	check(published.succeeded && published.run, 'draft then publish: n8n execute did not succeed', outputOf(published));
	const [draft] = nodeOutput(published.run, RAWUGC_NODE_NAME);
	const [out] = nodeOutput(published.run, PUBLISH_NODE);
	check(draft?.json.status === 'draft', 'draft then publish: the create did not make a draft', draft?.json);
	check(out?.json.status === 'published' && out.json.postId === draft.json.postId, 'draft then publish: the draft was not waited for until published', out?.json);
	check((await postsSent(context, before, 'e2e published post')) === 1, 'draft then publish: not exactly one POST /social/posts');
	console.log(`    draft then publish: ${String(out.json.postId)} published (waited for); 1 POST`);
}
