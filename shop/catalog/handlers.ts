import { z } from 'zod';
import { handler, type CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, language, type Language } from '../api/schemas';
import { nextInternalBarcode, SYMBOLOGIES, validBarcode } from './barcode';
import { categoryExists, categoryInput, categoryNotFound, categoryPatch, createCategory, listCategories, updateCategory } from './categories';
import { COLOURS } from './colours';
import { isLanguage } from './names';
import {
  addBarcode,
  archiveProduct,
  barcodeText,
  createProduct,
  DEFAULT_UNIT,
  getProduct,
  MAX_PRICE,
  PRODUCT_KINDS,
  productInput,
  productNotFound,
  productPatch,
  removeBarcode,
  restoreProduct,
  UNITS,
  updateProduct,
  type ProductRecord,
} from './products';
import { findByBarcode, MAX_SEARCH_LIMIT, SEARCH_SORTS, searchProducts } from './search';

/** The language lists and messages are shown in: the one asked for, else the signed-in user's. */
function readerLanguage(ctx: CallContext, asked: Language | undefined): Language {
  if (asked) return asked;
  return isLanguage(ctx.session?.language) ? ctx.session.language : 'en';
}

function requireProduct(ctx: CallContext, productId: string): ProductRecord {
  const product = getProduct(ctx.db, productId);
  if (!product) throw productNotFound();
  return product;
}

const changed = (ctx: CallContext) => ctx.emit({ type: 'catalog.changed' });

export const catalogHandlers = {
  /** Fixed lists the product form offers (the renderer may not import backend constants). */
  'catalog.options': handler({
    access: 'catalog.view',
    input: z.object({}).strict(),
    run: () => ({
      kinds: PRODUCT_KINDS,
      units: UNITS,
      defaultUnit: DEFAULT_UNIT,
      colours: COLOURS,
      symbologies: SYMBOLOGIES,
      maxPrice: MAX_PRICE,
      maxSearchLimit: MAX_SEARCH_LIMIT,
    }),
  }),

  /** The product list: instant search, filter, sort, one page and the total. */
  'catalog.search': handler({
    access: 'catalog.view',
    input: z
      .object({
        query: z.string().max(200).optional(),
        lang: language.optional(),
        kind: z.enum(PRODUCT_KINDS).optional(),
        categoryId: id.optional(),
        includeArchived: z.boolean().optional(),
        sort: z.enum(SEARCH_SORTS).optional(),
        dir: z.enum(['asc', 'desc']).optional(),
        limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
      })
      .strict(),
    run: (ctx, input) => {
      if (input.categoryId !== undefined && !categoryExists(ctx.db, input.categoryId)) throw categoryNotFound('categoryId');
      return searchProducts(ctx.db, { ...input, lang: readerLanguage(ctx, input.lang) });
    },
  }),

  /** One product with every name and barcode, for the edit form. */
  'catalog.get': handler({
    access: 'catalog.view',
    input: z.object({ id }).strict(),
    run: (ctx, input) => requireProduct(ctx, input.id),
  }),

  /** Scan lookup. A code that cannot be a barcode, or a GTIN with a wrong check digit, is invalid input. */
  'catalog.byBarcode': handler({
    access: 'catalog.view',
    input: z.object({ code: z.string().max(200), lang: language.optional() }).strict(),
    run: (ctx, input) => {
      const { code } = validBarcode(input.code);
      const found = findByBarcode(ctx.db, code, readerLanguage(ctx, input.lang));
      if (!found) throw new AppError('not_found', 'errors:catalog.unknownBarcode', { field: 'code', params: { code } });
      return found;
    },
  }),

  'catalog.create': handler({
    access: 'catalog.edit',
    input: productInput,
    run: (ctx, input) => {
      const productId = createProduct(ctx, input);
      const product = requireProduct(ctx, productId);
      ctx.audit({
        action: 'catalog.product.created',
        entity: 'product',
        entityId: productId,
        details: {
          names: product.names,
          kind: product.kind,
          unit: product.unit,
          price: product.price,
          categoryId: product.categoryId,
          barcodes: product.barcodes.map((b) => b.code),
          vaseLifeDays: product.vaseLifeDays,
          minStock: product.minStock,
          supplierId: product.supplierId,
        },
      });
      changed(ctx);
      return product;
    },
  }),

  /** Absent fields stay; null clears variety, colour, stem length or category; `barcodes` replaces the set. */
  'catalog.update': handler({
    access: 'catalog.edit',
    input: productPatch.extend({ id }).strict(),
    run: (ctx, { id: productId, ...patch }) => {
      const changes = updateProduct(ctx, productId, patch);
      if (Object.keys(changes).length > 0) {
        ctx.audit({ action: 'catalog.product.updated', entity: 'product', entityId: productId, details: { changes } });
        changed(ctx);
        // Vase life and minimum levels change the stock view, the sell-first and low-stock lists.
        if ('vaseLifeDays' in changes || 'minStock' in changes || 'supplierId' in changes) ctx.emit({ type: 'stock.changed' });
      }
      return requireProduct(ctx, productId);
    },
  }),

  'catalog.archive': handler({
    access: 'catalog.edit',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      if (archiveProduct(ctx, input.id)) {
        ctx.audit({ action: 'catalog.product.archived', entity: 'product', entityId: input.id });
        changed(ctx);
      }
      return { archived: true };
    },
  }),

  'catalog.restore': handler({
    access: 'catalog.edit',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      if (restoreProduct(ctx, input.id)) {
        ctx.audit({ action: 'catalog.product.restored', entity: 'product', entityId: input.id });
        changed(ctx);
      }
      return { archived: false };
    },
  }),

  'catalog.addBarcode': handler({
    access: 'catalog.edit',
    input: z.object({ id, code: barcodeText }).strict(),
    run: (ctx, input) => {
      const result = addBarcode(ctx, input.id, input.code);
      if (result.added) {
        ctx.audit({
          action: 'catalog.barcode.added',
          entity: 'product',
          entityId: input.id,
          details: { code: result.code, symbology: result.symbology },
        });
        changed(ctx);
      }
      return result;
    },
  }),

  'catalog.removeBarcode': handler({
    access: 'catalog.edit',
    input: z.object({ id, code: barcodeText }).strict(),
    run: (ctx, input) => {
      removeBarcode(ctx, input.id, input.code);
      ctx.audit({ action: 'catalog.barcode.removed', entity: 'product', entityId: input.id, details: { code: input.code } });
      changed(ctx);
      return { removed: true };
    },
  }),

  /** A fresh in-shop EAN-13 (prefix 20) for a product without a supplier code; attach it with create/update/addBarcode. */
  'catalog.newInternalBarcode': handler({
    access: 'catalog.edit',
    input: z.object({}).strict(),
    run: (ctx) => ({ code: nextInternalBarcode(ctx.db) }),
  }),

  'catalog.categories': handler({
    access: 'catalog.view',
    input: z.object({ lang: language.optional(), includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => listCategories(ctx.db, readerLanguage(ctx, input.lang), input.includeArchived ?? false),
  }),

  'catalog.createCategory': handler({
    access: 'catalog.edit',
    input: categoryInput,
    run: (ctx, input) => {
      const categoryId = createCategory(ctx, input);
      ctx.audit({
        action: 'catalog.category.created',
        entity: 'category',
        entityId: categoryId,
        details: { names: input.names, parentId: input.parentId ?? null, sort: input.sort ?? 0 },
      });
      changed(ctx);
      return { id: categoryId };
    },
  }),

  /** Rename, move (parentId null = top level), reorder, archive or restore a category. */
  'catalog.updateCategory': handler({
    access: 'catalog.edit',
    input: categoryPatch.extend({ id }).strict(),
    run: (ctx, { id: categoryId, ...patch }) => {
      const changes = updateCategory(ctx, categoryId, patch);
      if (Object.keys(changes).length > 0) {
        ctx.audit({ action: 'catalog.category.updated', entity: 'category', entityId: categoryId, details: { changes } });
        changed(ctx);
      }
      return { id: categoryId, changed: Object.keys(changes).length > 0 };
    },
  }),
};
