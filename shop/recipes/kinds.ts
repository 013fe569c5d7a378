import { PRODUCT_KINDS, type ProductKind } from '../catalog/products';

/** The kinds a bouquet can be made of and that carry a markup (services hold no stock and cost nothing). */
export const PRICED_KINDS = PRODUCT_KINDS.filter((k): k is Exclude<ProductKind, 'service'> => k !== 'service');
