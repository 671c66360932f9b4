/**
 * The panel of Research, Viral Library and the brand library: the parameters the editor shows
 * for each operation (n8n-workflow's own display rules), in the contract's names, and the
 * option names and defaults inside them.
 */
import { NodeHelpers, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { RawUgc } from '../nodes/RawUgc/RawUgc.node';
import { visibleParameters } from './engine/visibleParameters';

const { description } = new RawUgc();

function shown(resource: string, operation: string, name: string): INodeProperties {
	const parameters = { resource, operation };
	const values = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion: 1 }, description)!;
	const found = description.properties.filter((prop) => prop.name === name && NodeHelpers.displayParameter(values, prop, { typeVersion: 1 }, description, values));
	expect(found).toHaveLength(1);
	return found[0];
}
const optionNames = (prop: INodeProperties) => (prop.options as INodeProperties[]).map((option) => option.name);

it.each([
	['research', 'scrapeTiktok', ['query', 'mode', 'limit', 'options']],
	['research', 'createContentPlan', ['scrapeId', 'brief', 'options']],
	['research', 'getManyContentPlans', ['plansNotice', 'returnAll', 'limit']],
	['research', 'analyzeVideo', ['videoUrl', 'inputVideoBinaryField', 'prompt', 'options']],
	['viralVideo', 'search', ['query', 'limit']],
	['viralVideo', 'get', ['viralVideoId']],
	['product', 'create', ['name', 'photoUrls', 'inputBinaryFields', 'additionalFields']],
	['product', 'update', ['productId', 'updateFields']],
	['persona', 'create', ['name', 'description']],
	['messaging', 'create', ['name', 'body']],
	['style', 'create', ['name', 'additionalFields']],
	['style', 'getMany', ['returnAll', 'limit', 'filters']],
	['character', 'getMany', ['returnAll', 'limit', 'filters']],
	['character', 'get', ['characterId']],
	['persona', 'delete', ['personaId']],
	['messaging', 'get', ['messageId']],
	['style', 'update', ['styleId', 'updateFields']],
])('%s > %s shows %j', (resource, operation, parameters) => {
	expect(visibleParameters(description, { resource, operation })).toEqual(['resource', 'operation', ...parameters]);
});

it('the defaults and options of the contract', () => {
	expect(shown('research', 'scrapeTiktok', 'mode').default).toBe('keyword');
	expect(shown('research', 'scrapeTiktok', 'limit')).toMatchObject({ default: 10, typeOptions: { minValue: 1, maxValue: 10 } });
	expect(shown('research', 'createContentPlan', 'scrapeId').default).toBe('={{ $json.scrapeId }}');
	expect(shown('research', 'analyzeVideo', 'videoUrl').default).toBe('={{ $json.url }}');
	expect(optionNames(shown('research', 'analyzeVideo', 'options'))).toEqual(['maxCredits', 'maxWaitTime']);
	expect((shown('research', 'analyzeVideo', 'options').options as INodeProperties[])[1].default).toBe(600);
	expect(optionNames(shown('research', 'scrapeTiktok', 'options'))).toEqual(['maxCredits']);
	expect(shown('viralVideo', 'search', 'limit')).toMatchObject({ default: 20, typeOptions: { minValue: 1, maxValue: 50 } });
	expect(optionNames(shown('product', 'create', 'additionalFields'))).toEqual(['description', 'messaging']);
	expect(optionNames(shown('product', 'update', 'updateFields'))).toEqual(['description', 'messaging', 'name', 'photoUrls']);
	expect(optionNames(shown('style', 'create', 'additionalFields'))).toEqual(['aspectRatio', 'description', 'promptTemplate', 'type']);
	expect(optionNames(shown('style', 'update', 'updateFields'))).toEqual(['aspectRatio', 'description', 'name', 'promptTemplate', 'type']);
	expect(optionNames(shown('style', 'getMany', 'filters'))).toEqual(['type']);
	expect(optionNames(shown('character', 'getMany', 'filters'))).toEqual(['activeOnly']);
	const styleType = (shown('style', 'create', 'additionalFields').options as INodeProperties[]).find((option) => option.name === 'type')!;
	expect((styleType.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['image', 'video']);
});

it('every id is a resource locator with a searchable list and an ID mode', () => {
	for (const [resource, name] of [['product', 'productId'], ['persona', 'personaId'], ['messaging', 'messageId'], ['style', 'styleId'], ['character', 'characterId'], ['viralVideo', 'viralVideoId']]) {
		const locator = shown(resource, 'get', name);
		expect(locator.type).toBe('resourceLocator');
		expect(locator.modes?.map((mode) => [mode.name, mode.typeOptions?.searchable ?? false])).toEqual([
			['list', true],
			['id', false],
		]);
		const method = locator.modes![0].typeOptions!.searchListMethod!;
		expect(typeof new RawUgc().methods.listSearch[method as keyof RawUgc['methods']['listSearch']]).toBe('function');
	}
});

it('Character and the other brand resources offer exactly their operations', () => {
	const operations = (resource: string) => (shown(resource, 'get', 'operation').options as INodePropertyOptions[]).map((option) => option.value);
	expect(operations('character')).toEqual(['get', 'getMany']);
	for (const resource of ['product', 'persona', 'messaging', 'style']) expect(operations(resource)).toEqual(['create', 'delete', 'get', 'getMany', 'update']);
	expect(operations('research')).toEqual(['analyzeVideo', 'createContentPlan', 'getManyContentPlans', 'scrapeTiktok']);
	expect(operations('viralVideo')).toEqual(['get', 'search']);
});
