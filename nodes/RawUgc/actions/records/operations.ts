import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { perItem, readLimit, wholeList } from '../../helpers/listLimit';
import { inputError, splitUrls, zodInputError } from '../../helpers/parameters';
import { recall, remember } from '../../helpers/retryMemory';
import { settle } from '../../helpers/settle';
import { checkUploads, checkUrlCount, readUrlInput, withoutStandIns, withStandIns, type UrlInput } from '../../jobs/start';
import type { RecordResource } from '../../library/record';
import { AmbiguousRequestError, RawUgcApi, type ApiCall } from '../../transport/api';
import { uploadFile } from '../../transport/upload';
import { readRecordId } from './locator';

/**
 * Create, Get, Get Many, Update and Delete for every brand library resource: one set of
 * operations reading the resource's record (path, id, list field, fields and rules). Every
 * item's input is checked before the first request.
 */

// The brand library's calls wait on nothing but the rate limit; this bounds that wait.
const RATE_LIMIT_WAIT_MS = 600_000;
const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 50;

type Execute = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

function call(record: RecordResource, itemIndex: number, id: string | undefined, rest: Omit<ApiCall, 'path' | 'context'>): ApiCall {
	return {
		...rest,
		path: id === undefined ? record.path : `${record.path}/${encodeURIComponent(id)}`,
		context: { itemIndex, ...(id === undefined ? {} : { job: { idField: record.idParameter, id, noun: record.noun } }) },
		deadlineMs: Date.now() + RATE_LIMIT_WAIT_MS,
	};
}

/** The checked request in the API's field names; empty optional fields are left out. */
function apiBody(record: RecordResource, fields: Record<string, unknown>): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(fields)) {
		if (value !== undefined) body[record.apiNames?.[name] ?? name] = value as IDataObject[string];
	}
	return body;
}

/** The parameter that fills each field of a collection, for errors: `additionalFields.description`. */
const inCollection = (collection: string, fields: object) =>
	Object.fromEntries(Object.keys(fields).map((field) => [field, `${collection}.${field}`]));

function readCollection(ctx: IExecuteFunctions, itemIndex: number, name: string): IDataObject {
	const value = ctx.getNodeParameter(name, itemIndex, {}) as unknown;
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw inputError(ctx, itemIndex, name, 'must be a collection of fields');
	return value as IDataObject;
}

/** A create or delete that may have reached RawUGC, whose answer was lost: it is not sent again. */
function lostAnswer(ctx: IExecuteFunctions, itemIndex: number, error: unknown, happened: string, check: string): NodeApiError | NodeOperationError {
	if (!(error instanceof AmbiguousRequestError)) return error as NodeApiError;
	return new NodeOperationError(ctx.getNode(), `The ${happened}, but RawUGC's answer was lost (${error.message}) [item ${itemIndex}]`, {
		itemIndex,
		description: `It was not sent again. ${check}`,
	});
}

interface CreatePlan {
	fields: Record<string, unknown>;
	inputs: UrlInput[];
}

export function createExecute(record: RecordResource): Execute {
	const create = record.create;
	if (!create) throw new Error(`${record.title} cannot be created`);
	function read(ctx: IExecuteFunctions, itemIndex: number): Promise<CreatePlan> | CreatePlan {
		const candidate: Record<string, unknown> = {};
		const urlParameters = [create!.urls?.parameter, create!.urls?.uploadParameter];
		for (const property of create!.properties) {
			if (!urlParameters.includes(property.name)) candidate[property.name] = ctx.getNodeParameter(property.name, itemIndex, '');
		}
		const additional = readCollection(ctx, itemIndex, 'additionalFields');
		const urls = create!.urls;
		const inputs = urls
			? [readUrlInput(ctx, itemIndex, { field: urls.parameter, uploadParameter: urls.uploadParameter, noun: urls.noun, count: urls, accepted: urls.accepted })]
			: [];
		for (const input of inputs) checkUrlCount(ctx, itemIndex, input);
		const parsed = create!.schema.safeParse(withStandIns({ ...candidate, ...additional }, inputs));
		if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error, inCollection('additionalFields', additional));
		const fields = withoutStandIns(parsed.data, inputs);
		return checkUploads(ctx, inputs).then(() => ({ fields, inputs }));
	}
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = await RawUgcApi.connect(this);
		return await perItem(this, items, (itemIndex) => read(this, itemIndex), async ({ fields, inputs }, itemIndex) => {
			const complete = { ...fields };
			for (const input of inputs) {
				const uploaded: string[] = [];
				for (const source of input.uploads) uploaded.push((await uploadFile(this, api, source, Date.now() + RATE_LIMIT_WAIT_MS)).url);
				if (uploaded.length > 0) complete[input.field] = [...((complete[input.field] as string[] | undefined) ?? []), ...uploaded];
			}
			const body = apiBody(record, complete);
			// Retry On Fail: a record an earlier try made for this item is not made again.
			const asked = { itemIndex, what: `${record.name} create`, request: body };
			const earlier = recall(this, asked);
			if (typeof earlier?.id === 'string') return [{ id: earlier.id, ...body }];
			const sent = await settle(api.request<IDataObject>(call(record, itemIndex, undefined, { method: 'POST', body, what: `creating the ${record.noun}` })));
			if (!sent.ok) {
				throw lostAnswer(this, itemIndex, sent.error, `${record.noun} may have been created`, `Look for it with ${record.title} > Get Many before running this item again, so it is not made twice.`);
			}
			const id = String(sent.value?.id ?? sent.value?._id ?? '');
			remember(this, asked, { id });
			return [{ id, ...body }];
		});
	};
}

async function getRecord(api: RawUgcApi, record: RecordResource, id: string, itemIndex: number): Promise<IDataObject> {
	return await api.request<IDataObject>(call(record, itemIndex, id, { method: 'GET', what: `getting the ${record.noun}` }));
}

export function getExecute(record: RecordResource): Execute {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = await RawUgcApi.connect(this);
		return await perItem(this, items, (itemIndex) => readRecordId(this, record, itemIndex), async (id, itemIndex) => [
			await getRecord(api, record, id, itemIndex),
		]);
	};
}

interface ListQuery {
	limit?: number;
	qs: IDataObject;
	filters: IDataObject;
}

export function getManyExecute(record: RecordResource): Execute {
	const filters = record.filters ?? [];
	function read(ctx: IExecuteFunctions, itemIndex: number): ListQuery {
		const limit = readLimit(ctx, itemIndex, MAX_LIMIT, DEFAULT_LIMIT);
		const chosen = filters.length > 0 ? readCollection(ctx, itemIndex, 'filters') : {};
		const qs: IDataObject = {};
		for (const filter of filters) {
			const value = chosen[filter.property.name];
			const allowed = filter.property.options?.map((option) => ('value' in option ? option.value : undefined));
			if (value !== undefined && allowed && !allowed.includes(value as string)) {
				throw inputError(ctx, itemIndex, `filters.${filter.property.name}`, `must be one of: ${allowed.join(', ')}`);
			}
			if (value !== undefined && filter.query) qs[filter.query] = value;
		}
		return { limit, qs, filters: chosen };
	}
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = await RawUgcApi.connect(this);
		return await perItem(this, items, (itemIndex) => read(this, itemIndex), async (query, itemIndex) => {
			const records = await wholeList(api, {
				path: record.path,
				listField: record.listField,
				qs: query.qs,
				what: `listing the ${record.noun}s`,
				context: { itemIndex },
				deadlineMs: Date.now() + RATE_LIMIT_WAIT_MS,
			});
			const kept = records.filter((entry) =>
				filters.every((filter) => !filter.keep || filter.keep(entry, query.filters[filter.property.name] ?? filter.property.default)),
			);
			return query.limit === undefined ? kept : kept.slice(0, query.limit);
		});
	};
}

export function updateExecute(record: RecordResource): Execute {
	const update = record.update;
	if (!update) throw new Error(`${record.title} cannot be updated`);
	const urlParameter = record.create?.urls?.parameter;
	function read(ctx: IExecuteFunctions, itemIndex: number): { id: string; body: IDataObject } {
		const id = readRecordId(ctx, record, itemIndex);
		const changes = { ...readCollection(ctx, itemIndex, 'updateFields') };
		if (urlParameter && changes[urlParameter] !== undefined) changes[urlParameter] = splitUrls(changes[urlParameter]) as IDataObject[];
		const parsed = update!.schema.safeParse(changes);
		if (!parsed.success) throw zodInputError(ctx, itemIndex, parsed.error, inCollection('updateFields', changes));
		const body = apiBody(record, parsed.data);
		if (Object.keys(body).length === 0) {
			throw inputError(ctx, itemIndex, 'updateFields', `has nothing to change: add at least one field (${update!.fields.map((field) => field.displayName).join(', ')})`);
		}
		return { id, body };
	}
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = await RawUgcApi.connect(this);
		return await perItem(this, items, (itemIndex) => read(this, itemIndex), async ({ id, body }, itemIndex) => {
			await api.request(call(record, itemIndex, id, { method: 'PATCH', body, what: `updating the ${record.noun}` }));
			// What PATCH answers is not documented: the record is read again as it is now.
			return [await getRecord(api, record, id, itemIndex)];
		});
	};
}

export function deleteExecute(record: RecordResource): Execute {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = await RawUgcApi.connect(this);
		return await perItem(this, items, (itemIndex) => readRecordId(this, record, itemIndex), async (id, itemIndex) => {
			const answer = await api.request<IDataObject>(call(record, itemIndex, id, { method: 'DELETE', what: `deleting the ${record.noun}` }));
			return [{ success: answer?.success ?? true, [record.idParameter]: id }];
		});
	};
}
