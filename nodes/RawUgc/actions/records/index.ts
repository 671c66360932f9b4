import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../helpers/listLimit';
import { RECORD_RESOURCES } from '../../library';
import type { RecordResource } from '../../library/record';
import { operationProperty } from '../common.descriptions';
import { recordLocator, recordSearch, searchMethodOf } from './locator';
import { createExecute, deleteExecute, getExecute, getManyExecute, updateExecute } from './operations';

/** The panel of every brand library resource, and its operations, made from its record. */

/** Collection options are never required on their own. */
const withoutRequired = (properties: INodeProperties[]) =>
	properties.map((property) => {
		const option = { ...property };
		delete option.required;
		return option;
	});

function collection(displayName: string, name: string, placeholder: string, options: INodeProperties[]): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, options: withoutRequired(options) };
}

function operationOptions(record: RecordResource): INodePropertyOptions[] {
	const { noun, title } = record;
	const options: INodePropertyOptions[] = [];
	if (record.create) options.push({ name: 'Create', value: 'create', action: `Create a ${noun}`, description: `Add a ${noun} to your RawUGC brand library` });
	if (record.create) options.push({ name: 'Delete', value: 'delete', action: `Delete a ${noun}`, description: `Remove a ${noun} from your brand library` });
	options.push({ name: 'Get', value: 'get', action: `Get a ${noun}`, description: `One ${noun} by its ID` });
	options.push({ name: 'Get Many', value: 'getMany', action: `Get many ${noun}s`, description: `List your ${title === 'Style' ? 'styles (RawUGC’s built-in ones too)' : `${noun}s`}` });
	if (record.update) options.push({ name: 'Update', value: 'update', action: `Update a ${noun}`, description: `Change some fields of a ${noun}` });
	return options;
}

function properties(record: RecordResource): INodeProperties[] {
	const shown = (operation: string, list: INodeProperties[]) => updateDisplayOptions({ show: { resource: [record.name], operation: [operation] } }, list);
	const { noun } = record;
	const list: INodeProperties[] = [operationProperty(record.name, operationOptions(record), record.create ? 'create' : 'get')];
	if (record.create) {
		list.push(
			...shown('create', [
				...record.create.properties,
				...(record.create.additionalFields.length > 0 ? [collection('Additional Fields', 'additionalFields', 'Add Field', record.create.additionalFields)] : []),
			]),
		);
	}
	list.push(...shown('get', [recordLocator(record, `The ${noun} to get`)]));
	list.push(
		...shown('getMany', [
			...returnAllAndLimit(100),
			...(record.filters ? [collection('Filters', 'filters', 'Add Filter', record.filters.map((filter) => filter.property))] : []),
		]),
	);
	if (record.update) {
		list.push(
			...shown('update', [
				recordLocator(record, `The ${noun} to change`),
				collection('Update Fields', 'updateFields', 'Add Field', record.update.fields),
			]),
		);
	}
	if (record.create) list.push(...shown('delete', [recordLocator(record, `The ${noun} to delete`)]));
	return list;
}

type Execute = ReturnType<typeof getExecute>;

function operations(record: RecordResource): Record<string, { execute: Execute }> {
	const ops: Record<string, { execute: Execute }> = { get: { execute: getExecute(record) }, getMany: { execute: getManyExecute(record) } };
	if (record.create) ops.create = { execute: createExecute(record) };
	if (record.create) ops.delete = { execute: deleteExecute(record) };
	if (record.update) ops.update = { execute: updateExecute(record) };
	return ops;
}

export const description: INodeProperties[] = RECORD_RESOURCES.flatMap(properties);

/** Operations by resource, for the router. */
export const recordOperations = Object.fromEntries(RECORD_RESOURCES.map((record) => [record.name, operations(record)]));

/** The locators' list searches, by method name. */
export const recordSearches = Object.fromEntries(RECORD_RESOURCES.map((record) => [searchMethodOf(record), recordSearch(record)]));
