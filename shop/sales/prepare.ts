import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import type { Language } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import { productNotFound, readerLanguage } from '../catalog/products';
import { requireClient, type ClientSummary } from '../clients/clients';
import { lineMarkdown, NO_MARKDOWN, type LineMarkdown } from '../freshness/markdown';
import { counterBouquetPrice } from '../recipes/counterBouquet';
import { shopIdOf } from '../shifts/current';
import { productBalance } from '../stock/ledger';
import type { Draft } from './draft';
import { priceSale, type PricedSale } from './pricing';

/** The shop's counter rules, as one row. */
export interface ShopRules {
  id: string;
  currency: string;
  language: Language;
  cashRounding: number;
  allowNegativeStock: boolean;
}

export function shopRules(ctx: CallContext): ShopRules {
  const shopId = shopIdOf(ctx);
  const row = statement(
    ctx.db,
    'SELECT id, currency, language, cash_rounding, allow_negative_stock FROM shops WHERE id = ?',
  ).get(shopId) as { id: string; currency: string; language: Language; cash_rounding: number; allow_negative_stock: number } | undefined;
  if (!row) throw new AppError('conflict', 'errors:shops.notSetUp');
  return {
    id: row.id,
    currency: row.currency,
    language: row.language,
    cashRounding: row.cash_rounding,
    allowNegativeStock: row.allow_negative_stock === 1,
  };
}

export interface ProductRow {
  id: string;
  kind: string;
  unit: string;
  price: number;
  archived: number;
}

function readProduct(db: Database, productId: string): ProductRow | undefined {
  return statement(db, 'SELECT id, kind, unit, price, archived FROM products WHERE id = ?').get(productId) as ProductRow | undefined;
}

export function productLabel(db: Database, productId: string, lang: Language): string {
  return pickName(readProductNames(db, productId), lang);
}

export interface PreparedDraft {
  shop: ShopRules;
  products: ProductRow[];
  client: ClientSummary | null;
  priced: PricedSale;
  /** per line: the freshness markdown that applied (its percent goes on the receipt) */
  markdowns: LineMarkdown[];
}

/**
 * Reads what a draft names (products, components, client) and prices it. Refuses unknown or
 * archived products and unknown clients with the field the cashier can fix; writes nothing.
 */
export function prepareDraft(ctx: CallContext, draft: Omit<Draft, 'approval'>): PreparedDraft {
  const shop = shopRules(ctx);
  const products = draft.lines.map((line, i) => {
    const product = readProduct(ctx.db, line.productId);
    if (!product) throw productNotFound(`lines.${i}.productId`);
    if (product.archived === 1) {
      throw new AppError('conflict', 'errors:sales.productArchived', {
        field: `lines.${i}.productId`,
        params: { product: productLabel(ctx.db, product.id, readerLanguage(ctx)) },
      });
    }
    line.components?.forEach((c, j) => {
      if (!readProduct(ctx.db, c.productId)) throw productNotFound(`lines.${i}.components.${j}.productId`);
    });
    return product;
  });
  const client = draft.clientId === undefined ? null : requireClient(ctx.db, shop.id, draft.clientId);
  // A bouquet made at the counter is priced from its components; anything else at its catalogue price.
  const listPrices = draft.lines.map((line, i) =>
    line.components ? counterBouquetPrice(ctx, line.productId, line.components) : (products[i]?.price ?? 0),
  );
  const now = ctx.now();
  // The commit takes stock line by line (a bouquet's components with its line), so a later line of a
  // product gets the lots the earlier lines leave, and its markdown must be that of those lots.
  const taken = new Map<string, number>();
  const take = (productId: string, quantity: number) => taken.set(productId, (taken.get(productId) ?? 0) + quantity);
  const markdowns = draft.lines.map((line, i) => {
    if (line.components) {
      for (const c of line.components) take(c.productId, c.quantity * line.quantity);
      return NO_MARKDOWN;
    }
    if (products[i]?.kind === 'service') return NO_MARKDOWN;
    const after = taken.get(line.productId) ?? 0;
    take(line.productId, line.quantity);
    if (line.priceOverride) return NO_MARKDOWN;
    return lineMarkdown(ctx.db, { shopId: shop.id, productId: line.productId, quantity: line.quantity, unitPrice: listPrices[i] ?? 0, now, after });
  });
  const priced = priceSale({
    lines: draft.lines.map((line, i) => ({
      listPrice: listPrices[i] ?? 0,
      quantity: line.quantity,
      markdown: markdowns[i]?.amount ?? 0,
      ...(line.priceOverride ? { unitPrice: line.priceOverride.unitPrice } : {}),
      ...(line.discount ? { discount: { kind: line.discount.kind, value: line.discount.value } } : {}),
    })),
    ...(draft.discount ? { discount: { kind: draft.discount.kind, value: draft.discount.value } } : {}),
    clientDiscountBp: client?.discountBp ?? 0,
  });
  return { shop, products, client, priced, markdowns };
}

/**
 * What is on the shelf for a line now: the product's balance, or for a bouquet made at the counter
 * how many of it its components still make.
 */
export function lineStock(db: Database, line: Draft['lines'][number], product: ProductRow): number {
  if (line.components) {
    return Math.min(...line.components.map((c) => Math.floor(productBalance(db, c.productId) / c.quantity)));
  }
  return product.kind === 'service' ? 0 : productBalance(db, product.id);
}
