import type { Output } from '../../shop/api/contract';

/** The stock screens' shapes as the backend returns them (types only). */
export type Overview = Output<'stock.overview'>;
export type LotRow = Overview['rows'][number];
export type SellFirstRow = Output<'stock.sellFirst'>['rows'][number];
export type LowRow = Output<'stock.low'>[number];
export type MarkdownRule = Output<'markdown.list'>[number];
export type FreshnessState = LotRow['state'];
export type StockTab = 'lots' | 'sellFirst' | 'low' | 'rules';
