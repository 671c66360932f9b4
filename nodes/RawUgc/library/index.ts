import { CHARACTER } from './character';
import { MESSAGING } from './messaging';
import { PERSONA } from './persona';
import { PRODUCT } from './product';
import type { RecordResource } from './record';
import { STYLE } from './style';

/** The brand library's resources, in the order the panel lists them. */
export const RECORD_RESOURCES: readonly RecordResource[] = [PRODUCT, PERSONA, MESSAGING, STYLE, CHARACTER];
