import { z } from 'zod';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { id, optionalText, shortText } from '../api/schemas';
import { productNotFound, readerLanguage } from '../catalog/products';
import { currentShopId } from '../shops/current';

/**
 * Suppliers and what each one sells a product in (a bunch of 10 or 20 stems, a box). An arrival
 * counted in packs starts from the supplier's pack; restock planning rounds its order up to it.
 */

export const PACK_KINDS = ['bunch', 'box', 'pack'] as const;
export type PackKind = (typeof PACK_KINDS)[number];
export const MAX_PACK_SIZE = 100_000;
export const MAX_LEAD_DAYS = 60;

export const supplierInput = z
  .object({
    id: id.optional(),
    name: shortText(120),
    phone: optionalText(40),
    note: optionalText(500),
    leadDays: z.number().int().min(0, 'errors:arrivals.leadDaysInvalid').max(MAX_LEAD_DAYS, 'errors:arrivals.leadDaysInvalid').default(2),
  })
  .strict();
export type SupplierInput = z.output<typeof supplierInput>;

export const packInput = z
  .object({
    supplierId: id,
    productId: id,
    packKind: z.enum(PACK_KINDS),
    packSize: z.number().int().min(1, 'errors:arrivals.packSizeInvalid').max(MAX_PACK_SIZE, 'errors:arrivals.packSizeInvalid'),
  })
  .strict();

export interface Supplier {
  id: string;
  name: string;
  phone: string | null;
  note: string | null;
  leadDays: number;
  archived: boolean;
  /** how many products have a pack with this supplier */
  products: number;
}

interface SupplierRow {
  id: string;
  shop_id: string;
  name: string;
  phone: string | null;
  note: string | null;
  lead_days: number;
  archived: number;
  products: number;
}

/** The shop of the call; the demo seed runs before the dispatcher knows it, right after writing it. */
export function shopOf(ctx: CallContext): string {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (!shopId) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

const SELECT_SUPPLIER = `SELECT s.id, s.shop_id, s.name, s.phone, s.note, s.lead_days, s.archived,
       (SELECT count(*) FROM supplier_products sp WHERE sp.supplier_id = s.id) AS products
  FROM suppliers s`;

function toSupplier(r: SupplierRow): Supplier {
  return { id: r.id, name: r.name, phone: r.phone, note: r.note, leadDays: r.lead_days, archived: r.archived === 1, products: r.products };
}

export function listSuppliers(ctx: CallContext, opts: { includeArchived?: boolean }): Supplier[] {
  const rows = statement(
    ctx.db,
    `${SELECT_SUPPLIER} WHERE s.shop_id = ? AND (? = 1 OR s.archived = 0) ORDER BY s.archived, s.name COLLATE NOCASE, s.id`,
  ).all(shopOf(ctx), opts.includeArchived ? 1 : 0) as SupplierRow[];
  return rows.map(toSupplier);
}

/** The supplier of this shop, or not_found (an id from another shop is not found either). */
export function requireSupplier(ctx: CallContext, supplierId: string, field = 'supplierId'): Supplier {
  const row = statement(ctx.db, `${SELECT_SUPPLIER} WHERE s.id = ?`).get(supplierId) as SupplierRow | undefined;
  if (!row || row.shop_id !== shopOf(ctx)) throw notFound('supplier', field);
  return toSupplier(row);
}

function emptyToNull(text: string | undefined): string | null {
  return text === undefined || text === '' ? null : text;
}

export function saveSupplier(ctx: CallContext, input: SupplierInput): Supplier {
  const shopId = shopOf(ctx);
  const at = ctx.now().toISOString();
  const phone = emptyToNull(input.phone);
  const note = emptyToNull(input.note);
  // Two suppliers of one name would be told apart by nobody at the counter.
  const clash = statement(
    ctx.db,
    'SELECT id FROM suppliers WHERE shop_id = ? AND archived = 0 AND name = ? COLLATE NOCASE AND id <> ?',
  ).get(shopId, input.name, input.id ?? '') as { id: string } | undefined;
  if (clash) throw new AppError('conflict', 'errors:arrivals.supplierNameTaken', { field: 'name', params: { name: input.name } });
  let supplierId = input.id;
  let restored = false;
  if (supplierId === undefined) {
    supplierId = ctx.newId();
    statement(
      ctx.db,
      `INSERT INTO suppliers (id, shop_id, name, phone, note, lead_days, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(supplierId, shopId, input.name, phone, note, input.leadDays, at, at);
  } else {
    const before = requireSupplier(ctx, supplierId, 'id');
    statement(ctx.db, 'UPDATE suppliers SET name = ?, phone = ?, note = ?, lead_days = ?, archived = 0, updated_at = ? WHERE id = ?').run(
      input.name,
      phone,
      note,
      input.leadDays,
      at,
      supplierId,
    );
    // Saving an archived supplier (picked from "show archived") brings it back.
    restored = before.archived;
  }
  ctx.audit({
    action: 'suppliers.saved',
    entity: 'supplier',
    entityId: supplierId,
    details: { name: input.name, leadDays: input.leadDays, created: input.id === undefined, ...(restored ? { restored } : {}) },
  });
  ctx.emit({ type: 'suppliers.changed' });
  return requireSupplier(ctx, supplierId, 'id');
}

/** Archived, never deleted: its arrivals and write-offs still name it. Products keep it as their usual supplier until changed. */
export function archiveSupplier(ctx: CallContext, supplierId: string): boolean {
  const s = requireSupplier(ctx, supplierId, 'id');
  if (s.archived) return false;
  statement(ctx.db, 'UPDATE suppliers SET archived = 1, updated_at = ? WHERE id = ?').run(ctx.now().toISOString(), supplierId);
  ctx.audit({ action: 'suppliers.archived', entity: 'supplier', entityId: supplierId, details: { name: s.name } });
  ctx.emit({ type: 'suppliers.changed' });
  return true;
}

export interface Pack {
  productId: string;
  name: string;
  packKind: PackKind;
  packSize: number;
  productArchived: boolean;
}

export function supplierPacks(ctx: CallContext, supplierId: string): Pack[] {
  requireSupplier(ctx, supplierId);
  const rows = statement(
    ctx.db,
    `SELECT sp.product_id, pn.name, sp.pack_kind, sp.pack_size, p.archived
       FROM supplier_products sp JOIN products p ON p.id = sp.product_id
       JOIN product_names pn ON pn.product_seq = p.seq AND pn.lang = ?
      WHERE sp.supplier_id = ? ORDER BY pn.sort_key, p.id`,
  ).all(readerLanguage(ctx), supplierId) as { product_id: string; name: string; pack_kind: PackKind; pack_size: number; archived: number }[];
  return rows.map((r) => ({ productId: r.product_id, name: r.name, packKind: r.pack_kind, packSize: r.pack_size, productArchived: r.archived === 1 }));
}

/** The supplier's pack of a product, or null when it sells it by the stem (or is not set up). */
export function packOf(ctx: CallContext, supplierId: string, productId: string): { packKind: PackKind; packSize: number } | null {
  const row = statement(ctx.db, 'SELECT pack_kind, pack_size FROM supplier_products WHERE supplier_id = ? AND product_id = ?').get(
    supplierId,
    productId,
  ) as { pack_kind: PackKind; pack_size: number } | undefined;
  return row ? { packKind: row.pack_kind, packSize: row.pack_size } : null;
}

function requireStockedProduct(ctx: CallContext, productId: string): void {
  const row = statement(ctx.db, 'SELECT kind FROM products WHERE id = ?').get(productId) as { kind: string } | undefined;
  if (!row) throw productNotFound('productId');
  if (row.kind === 'service') throw new AppError('conflict', 'errors:arrivals.serviceHasNoPack', { field: 'productId' });
}

/**
 * Sets what the supplier sells the product in. The product's usual supplier (restock groups by it)
 * becomes this one when it has none yet.
 */
export function setPack(ctx: CallContext, input: z.output<typeof packInput>): void {
  requireSupplier(ctx, input.supplierId);
  requireStockedProduct(ctx, input.productId);
  statement(
    ctx.db,
    `INSERT INTO supplier_products (supplier_id, product_id, pack_kind, pack_size) VALUES (?, ?, ?, ?)
     ON CONFLICT (supplier_id, product_id) DO UPDATE SET pack_kind = excluded.pack_kind, pack_size = excluded.pack_size`,
  ).run(input.supplierId, input.productId, input.packKind, input.packSize);
  adoptSupplier(ctx, input.productId, input.supplierId);
  ctx.audit({
    action: 'suppliers.packSet',
    entity: 'supplier',
    entityId: input.supplierId,
    details: { productId: input.productId, packKind: input.packKind, packSize: input.packSize },
  });
  ctx.emit({ type: 'suppliers.changed' });
}

export function removePack(ctx: CallContext, supplierId: string, productId: string): boolean {
  requireSupplier(ctx, supplierId);
  const removed = statement(ctx.db, 'DELETE FROM supplier_products WHERE supplier_id = ? AND product_id = ?').run(supplierId, productId).changes > 0;
  if (!removed) return false;
  ctx.audit({ action: 'suppliers.packRemoved', entity: 'supplier', entityId: supplierId, details: { productId } });
  ctx.emit({ type: 'suppliers.changed' });
  return true;
}

/** Makes the supplier the product's usual one when it has none; true when it did. */
export function adoptSupplier(ctx: CallContext, productId: string, supplierId: string): boolean {
  return statement(ctx.db, 'UPDATE products SET supplier_id = ? WHERE id = ? AND supplier_id IS NULL').run(supplierId, productId).changes > 0;
}
