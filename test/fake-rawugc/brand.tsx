/**
 * The brand library (products, personas, messaging, styles): one store and one set of routes,
 * each resource described by data. Create answers 201 `{ id }`, update is PATCH with at least
 * one field, lists answer `{ <plural>: [...], count }` (no pagination, as documented).
 */
import { FieldChecks } from './fields';
import { type Answer, jsonAnswer } from './http-util';
import type { RouteContext } from './route-context';

export interface BrandResource {
	/** The path's first segment and the resource's name: `products`. */
	collection: string;
	/** The list answer's array: `products`, `messages`. */
	listField: string;
	/** Fields a create or update may carry, each checked by `check` (required ones on create only). */
	fields: readonly string[];
	required: readonly string[];
	check(check: FieldChecks): void;
	/** A list filter taken from the query (`type` for styles). */
	filter?: string;
}

const text = (field: string, max: number, check: FieldChecks) => check.string(field, { min: 1, max });

export const BRAND_RESOURCES: readonly BrandResource[] = [
	{
		collection: 'products',
		listField: 'products',
		fields: ['name', 'description', 'photos', 'messaging'],
		required: ['name', 'photos'],
		check(check) {
			text('name', 200, check);
			check.string('description', { max: 1000 });
			check.string('messaging', { max: 5000 });
			check.urls('photos', { max: 50, required: check.input.photos === undefined ? undefined : 'At least one photo is required' });
		},
	},
	{
		collection: 'personas',
		listField: 'personas',
		fields: ['name', 'description'],
		required: ['name', 'description'],
		check(check) {
			text('name', 200, check);
			text('description', 5000, check);
		},
	},
	{
		collection: 'messaging',
		listField: 'messages',
		fields: ['name', 'body'],
		required: ['name', 'body'],
		check(check) {
			text('name', 200, check);
			text('body', 5000, check);
		},
	},
	{
		collection: 'styles',
		listField: 'styles',
		fields: ['name', 'description', 'type', 'aspectRatio', 'promptTemplate'],
		required: ['name'],
		filter: 'type',
		check(check) {
			text('name', 200, check);
			check.string('description', { max: 1000 });
			check.enumOf('type', ['video', 'image']);
			check.enumOf('aspectRatio', ['portrait', 'landscape', 'square']);
			check.string('promptTemplate', { max: 5000 });
		},
	},
];

export type BrandRecord = Record<string, unknown> & { _id: string };

/** Built-in styles, listed beside the user's own (`isAdmin`, `isStandard`); they cannot be changed. */
export const BUILT_IN_STYLES: readonly BrandRecord[] = [
	{
		_id: '65f0c0ffee00000000005001',
		styleId: 'ugc-selfie',
		name: 'UGC Selfie',
		description: 'Hand-held selfie video, natural light.',
		type: 'video',
		aspectRatio: 'portrait',
		promptTemplate: 'A creator holds {productName} and says: {messaging}',
		isAdmin: true,
		isStandard: true,
	},
];

const ORGANIZATION_ID = 'org_fake0001';

/** Every record of every brand resource, by collection then id, in creation order. */
export class BrandLibrary {
	readonly records = new Map<string, Map<string, BrandRecord>>();
	private counter = 0;

	constructor() {
		this.clear();
	}

	clear(): void {
		for (const resource of BRAND_RESOURCES) this.records.set(resource.collection, new Map());
		const styles = this.records.get('styles') as Map<string, BrandRecord>;
		for (const style of BUILT_IN_STYLES) styles.set(style._id, { ...style });
	}

	of(collection: string): Map<string, BrandRecord> {
		return this.records.get(collection) as Map<string, BrandRecord>;
	}

	/** A Mongo-like id: 24 hex digits. */
	nextId(): string {
		this.counter++;
		return `66a0${Date.now().toString(16).slice(-8)}${this.counter.toString(16).padStart(12, '0')}`;
	}

	add(collection: string, fields: Record<string, unknown>): BrandRecord {
		const now = new Date().toISOString();
		const _id = this.nextId();
		const record: BrandRecord = { _id, organizationId: ORGANIZATION_ID, ...fields, createdAt: now, updatedAt: now };
		if (collection === 'styles') Object.assign(record, { styleId: `custom-${_id.slice(-6)}`, isAdmin: false, isStandard: false });
		this.of(collection).set(_id, record);
		return record;
	}
}

function checked(context: RouteContext, resource: BrandResource, forCreate: boolean): { value: Record<string, unknown> } | { answer: Answer } {
	const check = context.bodyChecks();
	if (!(check instanceof FieldChecks)) return { answer: check };
	check.onlyKnown(resource.fields);
	if (forCreate) for (const field of resource.required) if (check.input[field] === undefined) check.add(field, 'Required');
	if (!forCreate && Object.keys(check.input).length === 0) check.add('body', 'At least one field is required');
	resource.check(check);
	const result = check.result<Record<string, unknown>>();
	return result.ok ? { value: result.value } : { answer: context.invalid(result.errors) };
}

/** The brand library's routes, or undefined when the path is not one of them. */
export function brandRoute(context: RouteContext, parts: string[]): Answer | undefined {
	const resource = BRAND_RESOURCES.find((entry) => entry.collection === parts[0]);
	if (!resource || parts.length > 2) return undefined;
	const { fake, record } = context;
	const store = fake.library.of(resource.collection);
	const method = record.method;
	if (parts.length === 1) {
		if (method === 'GET') {
			const wanted = resource.filter ? record.query[resource.filter] : undefined;
			const list = [...store.values()].filter((entry) => !wanted || entry[resource.filter as string] === wanted).reverse();
			return jsonAnswer(200, { [resource.listField]: list, count: list.length }, context.headers);
		}
		if (method !== 'POST') return context.fail(405, 'method_not_allowed', `${method} is not allowed here.`);
		const body = checked(context, resource, true);
		if ('answer' in body) return body.answer;
		return jsonAnswer(201, { id: fake.library.add(resource.collection, body.value)._id }, context.headers);
	}
	const id = decodeURIComponent(parts[1]);
	const found = store.get(id);
	if (!found) return context.fail(404, 'not_found', `${resource.collection} ${id} was not found.`);
	if (method === 'GET') return jsonAnswer(200, found, context.headers);
	if (found.isAdmin === true && method !== 'GET') return context.fail(403, 'insufficient_scope', 'Built-in styles cannot be changed.');
	if (method === 'DELETE') {
		store.delete(id);
		return jsonAnswer(200, { success: true }, context.headers);
	}
	if (method !== 'PATCH') return context.fail(405, 'method_not_allowed', `${method} is not allowed here.`);
	const body = checked(context, resource, false);
	if ('answer' in body) return body.answer;
	Object.assign(found, body.value, { updatedAt: new Date().toISOString() });
	// What PATCH answers is not documented: the least (the node reads the record again).
	return jsonAnswer(200, { success: true }, context.headers);
}
