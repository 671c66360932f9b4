/**
 * The publishing panels as the editor shows them (n8n-workflow's display rules): the contract's
 * resources and operations, Create's fields per mode, and the defaults users' workflows carry.
 */
import type { INodeProperties } from 'n8n-workflow';

import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { visibleParameters } from './engine/visibleParameters';

const { description } = new RawUgc();
const create = { resource: 'socialPost', operation: 'create' };
const COMMON = ['accountIds', 'mode', 'videoUrl', 'inputVideoBinaryField', 'content'];
const TAIL = ['videoId', 'tiktokOptions'];

const operationsOf = (resource: string) =>
	(description.properties.find((prop) => prop.name === 'operation' && prop.displayOptions?.show?.resource?.includes(resource))?.options as Array<{ value: string }>).map(
		(option) => option.value,
	);

describe('the publishing panels', () => {
	it('the contract’s resources and operations', () => {
		const resources = (description.properties.find((prop) => prop.name === 'resource')?.options as Array<{ value: string }>).map((option) => option.value);
		expect(resources).toEqual(expect.arrayContaining(['socialAccount', 'socialPost']));
		expect(operationsOf('socialAccount').sort()).toEqual(['delete', 'getMany', 'sync']);
		expect(operationsOf('socialPost').sort()).toEqual(['create', 'delete', 'get', 'getMany', 'publish', 'reschedule', 'update']);
	});

	it.each([
		['draft', [...COMMON, ...TAIL]],
		['schedule', [...COMMON, 'scheduledFor', 'timezone', ...TAIL]],
		['now', [...COMMON, ...TAIL, 'waitForCompletion', 'options']],
	])('Create in mode %s shows its own fields only', (mode, own) => {
		expect(visibleParameters(description, { ...create, mode })).toEqual(['resource', 'operation', ...own]);
	});

	it('Create’s defaults: a draft; the video URL follows the incoming item; wait on; Max Wait Time 600 s', () => {
		const createProps = description.properties.filter((prop) => prop.displayOptions?.show?.operation?.includes('create') && prop.displayOptions?.show?.resource?.includes('socialPost'));
		const byName = (name: string) => createProps.find((prop) => prop.name === name) as INodeProperties;
		expect(byName('mode').default).toBe('draft');
		expect(byName('videoUrl').default).toBe('={{ $json.url }}');
		expect(byName('accountIds')).toMatchObject({ type: 'multiOptions', typeOptions: { loadOptionsMethod: 'getSocialAccounts' } });
		expect(byName('scheduledFor').type).toBe('dateTime');
		expect(byName('waitForCompletion').default).toBe(true);
		expect((byName('options').options as INodeProperties[]).find((option) => option.name === 'maxWaitTime')?.default).toBe(600);
		expect((byName('tiktokOptions').options as INodeProperties[]).map((option) => option.name).sort()).toEqual(
			['allowComment', 'allowDuet', 'allowStitch', 'commercialContentType', 'privacyLevel', 'publishToInbox'],
		);
	});

	it.each([
		['get', ['postId']],
		['getMany', ['fromDate', 'toDate', 'includeDrafts', 'returnAll', 'limit']],
		['update', ['postId', 'updateFields']],
		['reschedule', ['postId', 'scheduledFor', 'timezone']],
		['publish', ['postId', 'waitForCompletion', 'options']],
		['delete', ['postId']],
	])('Social Post > %s shows %j', (operation, own) => {
		expect(visibleParameters(description, { resource: 'socialPost', operation })).toEqual(['resource', 'operation', ...own]);
	});
});
