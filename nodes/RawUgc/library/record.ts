import type { INodeProperties } from 'n8n-workflow';
import type { ZodObject, ZodRawShape } from 'zod';

/**
 * What differs between the brand library's resources (products, personas, messaging, styles,
 * characters), as data: one set of operations (actions/records) reads these records.
 */
export interface RecordResource {
	/** The node's resource: `product`. */
	name: string;
	/** In the panel: "Product"; in messages: "product". */
	title: string;
	noun: string;
	/** The API's collection: `/products`. */
	path: string;
	/** The id parameter: `productId`. */
	idParameter: string;
	/** The list answer's array: `products`. */
	listField: string;
	/** The record's field shown in the panel's list and searched: `name`. */
	nameField: string;
	idExample: string;
	/** Parameter name -> the API's field name, where they differ. */
	apiNames?: ApiNames;
	/** Read-only resources (characters) have no `create`, `update` or `delete`. */
	create?: RecordCreate;
	update?: RecordUpdate;
	/** Options of Get Many's `filters` collection, each read by the list. */
	filters?: RecordFilter[];
}

export interface RecordCreate {
	/** Parameters shown on their own (required ones); their names are the schema's keys. */
	properties: INodeProperties[];
	/** Options of the `additionalFields` collection. */
	additionalFields: INodeProperties[];
	/** Rules of the whole request, keyed by parameter name (uploads counted by stand-ins). */
	schema: ZodObject<ZodRawShape>;
	/** URLs typed in a parameter and binaries uploaded to join them (a product's photos). */
	urls?: RecordUrls;
}

export interface RecordUpdate {
	/** Options of the `updateFields` collection, keyed like the schema. */
	fields: INodeProperties[];
	/** Every field optional; at least one must be given (checked before sending). */
	schema: ZodObject<ZodRawShape>;
}

export interface RecordUrls {
	/** The typed URLs' parameter: `photoUrls`. */
	parameter: string;
	/** The binaries' parameter: `inputBinaryFields`. */
	uploadParameter: string;
	noun: string;
	min: number;
	max: number;
	accepted: readonly string[];
}

export interface RecordFilter {
	property: INodeProperties;
	/** Sent as this query parameter (`type`), or else applied to the list here. */
	query?: string;
	keep?: (record: Record<string, unknown>, value: unknown) => boolean;
}

/** Parameter name -> the API's field name, where they differ (`photoUrls` -> `photos`). */
export type ApiNames = Readonly<Record<string, string>>;

/** A text parameter of a record (`rows`: a text area). */
export function textProperty(displayName: string, name: string, description: string, rows?: number): INodeProperties {
	return { displayName, name, type: 'string', ...(rows ? { typeOptions: { rows } } : {}), default: '', description };
}

/** Options for each of the API's values, named for people: `portrait` -> Portrait. */
export function valueOptions(values: readonly string[]): Array<{ name: string; value: string }> {
	return [...values].sort().map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value }));
}
