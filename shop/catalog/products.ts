import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, LANGUAGES, MAX_MONEY, money, type Language } from '../api/schemas';
import { barcodeLookupVariants, MAX_BARCODE_LENGTH, validBarcode, type Symbology } from './barcode';
import { assertUsableCategory } from './categories';
import { colourNamesEverywhere, COLOURS, type ColourCode } from './colours';
import { normalizeText } from './normalize';
import {
  cleanNames,
  isLanguage,
  mergeNames,
  namesInput,
  namesPatch,
  pickName,
  readProductNames,
  sameNames,
  type Names,
} from './names';
import { statement } from '../../db/statements';

export type { Language, Currency } from '../api/schemas';
export { createCategory, updateCategory } from './categories';
export type { ColourCode } from './colours';

export const PRODUCT_KINDS = ['cut_flower', 'plant', 'greenery', 'consumable', 'ready_item', 'service'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const UNITS = ['stem', 'piece', 'pot', 'bunch', 'metre', 'service'] as const;
export type Unit = (typeof UNITS)[number];

/** How a product of each kind is counted at the till unless the shop says otherwise. */
export const DEFAULT_UNIT: Record<ProductKind, Unit> = {
  cut_flower: 'stem',
  greenery: 'stem',
  plant: 'pot',
  consumable: 'piece',
  ready_item: 'piece',
  service: 'service',
};

export const MAX_PRICE = MAX_MONEY;
export const MAX_BARCODES_PER_PRODUCT = 20;
export const MAX_VARIETY_LENGTH = 120;

export const price = money;
export const stemLength = z.number().int().min(1).max(400);
export const variety = z.string().trim().max(MAX_VARIETY_LENGTH);
// Length is bounded here; the symbology and check digit are checked by validBarcode with a precise message.
/** Freshness and restock (issue 4): days a stem lasts in a vase; the level below which to reorder. */
export const MAX_VASE_LIFE_DAYS = 3650;
export const vaseLifeDays = z.number().int('errors:freshness.vaseLifeInvalid').min(1, 'errors:freshness.vaseLifeInvalid').max(MAX_VASE_LIFE_DAYS, 'errors:freshness.vaseLifeInvalid');
export const minStock = z.number().int('errors:freshness.minStockInvalid').min(0, 'errors:freshness.minStockInvalid').max(10_000_000, 'errors:freshness.minStockInvalid');
export const barcodeText = z.string().trim().min(1, 'errors:catalog.barcodeFormat').max(MAX_BARCODE_LENGTH, 'errors:catalog.barcodeFormat');

export const productInput = z
  .object({
    kind: z.enum(PRODUCT_KINDS),
    names: namesInput,
    categoryId: id.optional(),
    variety: variety.optional(),
    colour: z.enum(COLOURS).optional(),
    stemLengthCm: stemLength.optional(),
    unit: z.enum(UNITS).optional(),
    price,
    barcodes: z.array(barcodeText).max(MAX_BARCODES_PER_PRODUCT).optional(),
    vaseLifeDays: vaseLifeDays.optional(),
    minStock: minStock.optional(),
    supplierId: id.optional(),
  })
  .strict();
export type ProductInput = z.input<typeof productInput>;

/** A change to a product: absent fields stay, null clears an optional one; `barcodes` replaces the whole set. */
export const productPatch = z
  .object({
    kind: z.enum(PRODUCT_KINDS).optional(),
    names: namesPatch.optional(),
    categoryId: id.nullable().optional(),
    variety: variety.nullable().optional(),
    colour: z.enum(COLOURS).nullable().optional(),
    stemLengthCm: stemLength.nullable().optional(),
    unit: z.enum(UNITS).optional(),
    price: price.optional(),
    barcodes: z.array(barcodeText).max(MAX_BARCODES_PER_PRODUCT).optional(),
    vaseLifeDays: vaseLifeDays.nullable().optional(),
    minStock: minStock.nullable().optional(),
    supplierId: id.nullable().optional(),
  })
  .strict();
export type ProductPatch = z.input<typeof productPatch>;

export interface ProductRecord {
  id: string;
  kind: ProductKind;
  names: Names;
  categoryId: string | null;
  variety: string | null;
  colour: ColourCode | null;
  stemLengthCm: number | null;
  unit: Unit;
  price: number;
  archived: boolean;
  barcodes: { code: string; symbology: Symbology }[];
  /** days a stem lasts in a vase; null: it does not wilt (plants, consumables) */
  vaseLifeDays: number | null;
  /** reorder below this; null: no minimum */
  minStock: number | null;
  /** the usual supplier (restock groups by it) */
  supplierId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ProductRow {
  id: string;
  kind: ProductKind;
  category_id: string | null;
  variety: string | null;
  colour: ColourCode | null;
  stem_length_cm: number | null;
  unit: Unit;
  price: number;
  archived: number;
  vase_life_days: number | null;
  min_stock: number | null;
  supplier_id: string | null;
  created_at: string;
  updated_at: string;
}

export const productNotFound = (field = 'id') => new AppError('not_found', 'errors:catalog.productNotFound', { field });

function readRow(db: Database, productId: string): ProductRow | undefined {
  return statement(
    db,
    `SELECT id, kind, category_id, variety, colour, stem_length_cm, unit, price, archived, vase_life_days, min_stock,
            supplier_id, created_at, updated_at
       FROM products WHERE id = ?`,
  ).get(productId) as ProductRow | undefined;
}

function readBarcodes(db: Database, productId: string): { code: string; symbology: Symbology }[] {
  return statement(
    db,
    'SELECT code, symbology FROM barcodes WHERE product_id = ? ORDER BY created_at, code',
  ).all(productId) as { code: string; symbology: Symbology }[];
}

export function getProduct(db: Database, productId: string): ProductRecord | null {
  const row = readRow(db, productId);
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    names: readProductNames(db, productId),
    categoryId: row.category_id,
    variety: row.variety,
    colour: row.colour,
    stemLengthCm: row.stem_length_cm,
    unit: row.unit,
    price: row.price,
    archived: row.archived === 1,
    barcodes: readBarcodes(db, productId),
    vaseLifeDays: row.vase_life_days,
    minStock: row.min_stock,
    supplierId: row.supplier_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function requireRow(db: Database, productId: string): ProductRow {
  const row = readRow(db, productId);
  if (!row) throw productNotFound();
  return row;
}

/**
 * The one place search_text is made: every name, the variety, the colour's name in all five
 * languages and every barcode, each normalized, so a query in any script finds the product.
 */
export function searchTextOf(p: { names: Names; variety: string | null; colour: ColourCode | null; codes: string[] }): string {
  // In a fixed order, so the text depends only on the product, not on how it was read.
  const parts = [
    ...LANGUAGES.map((lang) => p.names[lang] ?? ''),
    p.variety ?? '',
    ...(p.colour ? colourNamesEverywhere(p.colour) : []),
    ...[...p.codes].sort(),
  ];
  // Each distinct word once: queries are matched word by word, so nothing is lost, and the
  // trigram index shrinks by half (names in five languages repeat the variety, length, number).
  const words = new Set<string>();
  for (const part of parts) {
    for (const word of normalizeText(part).split(' ')) if (word) words.add(word);
  }
  // A space before every word, the first too: " ro" is then a trigram meaning "a word starting with ro".
  return ` ${[...words].join(' ')}`;
}

/** Recomputes a stored product's search_text after any change to what it is made of. */
export function refreshSearchText(db: Database, productId: string): void {
  const row = readRow(db, productId);
  if (!row) return;
  const text = searchTextOf({
    names: readProductNames(db, productId),
    variety: row.variety,
    colour: row.colour,
    codes: readBarcodes(db, productId).map((b) => b.code),
  });
  statement(db, 'UPDATE products SET search_text = ? WHERE id = ?').run(text, productId);
}

/** Writes a row for every language: the product's own name there, or the one a reader of it is shown instead. */
function writeNames(db: Database, productId: string, names: Names, knownSeq?: number): void {
  const seq = knownSeq ?? (statement(db, 'SELECT seq FROM products WHERE id = ?').get(productId) as { seq: number }).seq;
  statement(db, 'DELETE FROM product_names WHERE product_seq = ?').run(seq);
  const insert = statement(
    db,
    'INSERT INTO product_names (product_seq, product_id, lang, name, own, sort_key) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const lang of LANGUAGES) {
    const own = names[lang];
    const name = own ?? pickName(names, lang);
    insert.run(seq, productId, lang, name, own === undefined ? 0 : 1, normalizeText(name));
  }
}

/** The reader's language for messages that name a product (falls back to English). */
export function readerLanguage(ctx: CallContext): Language {
  return isLanguage(ctx.session?.language) ? ctx.session.language : 'en';
}

/**
 * Checks a barcode may go on this product (null: one not yet written): valid, and not on another
 * product in any of its UPC-A/EAN-13 spellings (refused with that product's name).
 * `onThisProduct` says it is already there, exactly as given.
 */
function claimBarcode(
  ctx: CallContext,
  productId: string | null,
  raw: string,
  field: string,
): { code: string; symbology: Symbology; onThisProduct: boolean } {
  const { code, symbology } = validBarcode(raw, field);
  const owner = statement(ctx.db, 'SELECT product_id FROM barcodes WHERE code = ?');
  for (const variant of barcodeLookupVariants(code)) {
    const hit = owner.get(variant) as { product_id: string } | undefined;
    if (!hit) continue;
    if (hit.product_id === productId && variant === code) return { code, symbology, onThisProduct: true };
    const product = pickName(readProductNames(ctx.db, hit.product_id), readerLanguage(ctx));
    throw new AppError('conflict', 'errors:catalog.barcodeTaken', { field, params: { code, product } });
  }
  return { code, symbology, onThisProduct: false };
}

function insertBarcode(ctx: CallContext, productId: string, code: string, symbology: Symbology): void {
  statement(ctx.db, 'INSERT INTO barcodes (code, product_id, symbology, created_at) VALUES (?, ?, ?, ?)').run(
    code,
    productId,
    symbology,
    ctx.now().toISOString(),
  );
}

/** Attaches a barcode; `added` is false when the product already had it. */
function attachBarcode(ctx: CallContext, productId: string, raw: string, field: string): { code: string; symbology: Symbology; added: boolean } {
  const { code, symbology, onThisProduct } = claimBarcode(ctx, productId, raw, field);
  if (!onThisProduct) insertBarcode(ctx, productId, code, symbology);
  return { code, symbology, added: !onThisProduct };
}

/** A supplier the product may name: one of this shop's, not archived (an archived one may stay where it was). */
function assertUsableSupplier(ctx: CallContext, supplierId: string): void {
  const row = statement(ctx.db, 'SELECT archived FROM suppliers WHERE id = ?').get(supplierId) as { archived: number } | undefined;
  if (!row) throw new AppError('not_found', 'errors:freshness.supplierNotFound', { field: 'supplierId' });
  if (row.archived === 1) throw new AppError('conflict', 'errors:freshness.supplierArchived', { field: 'supplierId' });
}

function cleanVariety(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v.slice(0, MAX_VARIETY_LENGTH) : null;
}

export function createProduct(ctx: CallContext, input: ProductInput): string {
  const names = cleanNames(input.names);
  if (input.categoryId !== undefined) assertUsableCategory(ctx.db, input.categoryId, 'categoryId');
  if (input.supplierId !== undefined) assertUsableSupplier(ctx, input.supplierId);
  // Every barcode is checked before anything is written, so the row goes in once with its final
  // search_text (one trigram-index insert, no rewrite).
  const codes = new Map<string, Symbology>();
  (input.barcodes ?? []).forEach((raw, i) => {
    const { code, symbology } = claimBarcode(ctx, null, raw, `barcodes.${i}`);
    const sameGtin = barcodeLookupVariants(code).some((v) => codes.has(v));
    if (!sameGtin) codes.set(code, symbology);
  });
  const variety = cleanVariety(input.variety);
  const colour = input.colour ?? null;
  const productId = ctx.newId();
  const at = ctx.now().toISOString();
  const { lastInsertRowid } = statement(
    ctx.db,
    `INSERT INTO products (id, kind, category_id, variety, colour, stem_length_cm, unit, price, archived, created_at, updated_at, search_text,
                           vase_life_days, min_stock, supplier_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  ).run(
    productId,
    input.kind,
    input.categoryId ?? null,
    variety,
    colour,
    input.stemLengthCm ?? null,
    input.unit ?? DEFAULT_UNIT[input.kind],
    input.price,
    at,
    at,
    searchTextOf({ names, variety, colour, codes: [...codes.keys()] }),
    input.vaseLifeDays ?? null,
    input.minStock ?? null,
    input.supplierId ?? null,
  );
  writeNames(ctx.db, productId, names, Number(lastInsertRowid));
  for (const [code, symbology] of codes) insertBarcode(ctx, productId, code, symbology);
  return productId;
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Applies a patch; returns what changed (for the audit log), empty when nothing did. */
export function updateProduct(ctx: CallContext, productId: string, patch: ProductPatch): Changes {
  const row = requireRow(ctx.db, productId);
  const changes: Changes = {};
  const set = <T>(field: string, from: T, to: T | undefined) => {
    if (to !== undefined && to !== from) changes[field] = { from, to };
  };

  if (patch.categoryId !== undefined && patch.categoryId !== null && patch.categoryId !== row.category_id) {
    assertUsableCategory(ctx.db, patch.categoryId, 'categoryId');
  }
  set('kind', row.kind, patch.kind);
  set('categoryId', row.category_id, patch.categoryId);
  set('variety', row.variety, patch.variety === undefined ? undefined : cleanVariety(patch.variety));
  set('colour', row.colour, patch.colour);
  set('stemLengthCm', row.stem_length_cm, patch.stemLengthCm);
  set('unit', row.unit, patch.unit);
  set('price', row.price, patch.price);
  if (patch.supplierId !== undefined && patch.supplierId !== null && patch.supplierId !== row.supplier_id) {
    assertUsableSupplier(ctx, patch.supplierId);
  }
  set('vaseLifeDays', row.vase_life_days, patch.vaseLifeDays);
  set('minStock', row.min_stock, patch.minStock);
  set('supplierId', row.supplier_id, patch.supplierId);

  if (patch.names !== undefined) {
    const before = readProductNames(ctx.db, productId);
    const after = mergeNames(before, patch.names);
    if (!sameNames(before, after)) {
      writeNames(ctx.db, productId, after);
      changes.names = { from: before, to: after };
    }
  }

  if (patch.barcodes !== undefined) {
    const before = readBarcodes(ctx.db, productId).map((b) => b.code);
    const wanted = patch.barcodes.map((raw, i) => validBarcode(raw, `barcodes.${i}`).code);
    const removed = before.filter((code) => !wanted.includes(code));
    for (const code of removed) statement(ctx.db, 'DELETE FROM barcodes WHERE code = ?').run(code);
    const added = patch.barcodes.filter((raw, i) => attachBarcode(ctx, productId, raw, `barcodes.${i}`).added);
    if (removed.length > 0 || added.length > 0) changes.barcodes = { from: before, to: readBarcodes(ctx.db, productId).map((b) => b.code) };
  }

  if (Object.keys(changes).length > 0) {
    const pick = <K extends keyof ProductRow>(field: string, column: K): unknown =>
      field in changes ? changes[field]?.to : row[column];
    statement(
      ctx.db,
      `UPDATE products SET kind = ?, category_id = ?, variety = ?, colour = ?, stem_length_cm = ?, unit = ?, price = ?,
              vase_life_days = ?, min_stock = ?, supplier_id = ?, updated_at = ? WHERE id = ?`,
    ).run(
      pick('kind', 'kind'),
      pick('categoryId', 'category_id'),
      pick('variety', 'variety'),
      pick('colour', 'colour'),
      pick('stemLengthCm', 'stem_length_cm'),
      pick('unit', 'unit'),
      pick('price', 'price'),
      pick('vaseLifeDays', 'vase_life_days'),
      pick('minStock', 'min_stock'),
      pick('supplierId', 'supplier_id'),
      ctx.now().toISOString(),
      productId,
    );
    refreshSearchText(ctx.db, productId);
  }
  return changes;
}

function setArchived(ctx: CallContext, productId: string, archived: boolean): boolean {
  const row = requireRow(ctx.db, productId);
  if ((row.archived === 1) === archived) return false;
  statement(ctx.db, 'UPDATE products SET archived = ?, updated_at = ? WHERE id = ?').run(
    archived ? 1 : 0,
    ctx.now().toISOString(),
    productId,
  );
  return true;
}

/** Takes a product off the shelf: it leaves lists and search, but sales that name it keep it. Returns false if it already was. */
export function archiveProduct(ctx: CallContext, productId: string): boolean {
  return setArchived(ctx, productId, true);
}

export function restoreProduct(ctx: CallContext, productId: string): boolean {
  return setArchived(ctx, productId, false);
}

/** Returns the code as stored and whether it was new on this product. */
export function addBarcode(ctx: CallContext, productId: string, code: string): { code: string; symbology: Symbology; added: boolean } {
  requireRow(ctx.db, productId);
  const result = attachBarcode(ctx, productId, code, 'code');
  if (result.added) {
    touch(ctx, productId);
    refreshSearchText(ctx.db, productId);
  }
  return result;
}

export function removeBarcode(ctx: CallContext, productId: string, code: string): void {
  requireRow(ctx.db, productId);
  const removed = statement(ctx.db, 'DELETE FROM barcodes WHERE code = ? AND product_id = ?').run(code.trim(), productId);
  if (removed.changes === 0) {
    throw new AppError('not_found', 'errors:catalog.barcodeNotOnProduct', { field: 'code', params: { code: code.trim() } });
  }
  touch(ctx, productId);
  refreshSearchText(ctx.db, productId);
}

function touch(ctx: CallContext, productId: string): void {
  statement(ctx.db, 'UPDATE products SET updated_at = ? WHERE id = ?').run(ctx.now().toISOString(), productId);
}
