import type { Output } from '../../shop/api/contract';

/** The catalog's shapes as the backend returns them (types only: nothing of the backend is bundled). */
export type ProductListItem = Output<'catalog.search'>['items'][number];
export type ProductRecord = Output<'catalog.get'>;
export type CategoryItem = Output<'catalog.categories'>[number];
export type CatalogOptions = Output<'catalog.options'>;
export type ProductKind = ProductRecord['kind'];
export type Unit = ProductRecord['unit'];
export type ColourCode = NonNullable<ProductRecord['colour']>;
export type SearchSort = 'name' | 'price' | 'updated';
