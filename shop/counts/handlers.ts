import { z } from 'zod';
import { handler } from '../api/define';
import { AppError } from '../api/errors';
import { id } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import { readerLanguage } from '../catalog/products';
import { findByBarcode } from '../catalog/search';
import { canSeeCost } from '../users/costs';
import { MAX_STOCK_QUANTITY } from '../stock/ledger';
import { cancelCount, createCount, getCount, listCounts } from './documents';
import { addCountEntries } from './entries';
import { totalsView } from './lines';
import { postCount } from './post';

const quantity = z
  .number('errors:counts.quantityInvalid')
  .int('errors:counts.quantityInvalid')
  .min(-MAX_STOCK_QUANTITY, 'errors:counts.quantityInvalid')
  .max(MAX_STOCK_QUANTITY, 'errors:counts.quantityInvalid')
  .refine((q) => q !== 0, 'errors:counts.quantityInvalid');

/** The maximum lines one terminal import may add at once (a terminal holds a few thousand). */
export const MAX_IMPORT_ENTRIES = 50_000;

/** Stock counts (notes/FLOWERS.md "stock counts"). */
export const countsHandlers = {
  'counts.create': handler({
    access: 'stock.count',
    input: z
      .object({
        categoryId: id.optional(),
        blind: z.boolean().default(false),
        note: z.string().trim().max(500, 'errors:counts.noteTooLong').optional(),
      })
      .strict(),
    run: (ctx, input) => createCount(ctx, input),
  }),

  'counts.list': handler({
    access: 'stock.count',
    input: z
      .object({
        status: z.enum(['open', 'posted', 'cancelled']).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    run: (ctx, input) => listCounts(ctx, input),
  }),

  /** Header, lines and totals; expected quantities are left out of a blind count for readers who cannot post it. */
  'counts.get': handler({
    access: 'stock.count',
    input: z.object({ id }).strict(),
    run: (ctx, input) => getCount(ctx, input.id),
  }),

  /** One scan or typed quantity (negative takes some back); answers the product's running count. */
  'counts.add': handler({
    access: 'stock.count',
    input: z
      .object({
        countId: id,
        code: z.string().trim().min(1, 'errors:counts.unknownBarcode').max(200, 'errors:counts.unknownBarcode').optional(),
        productId: id.optional(),
        quantity: quantity.default(1),
        source: z.enum(['scan', 'manual']).default('scan'),
      })
      .strict(),
    run(ctx, input) {
      let productId = input.productId;
      if (productId === undefined) {
        if (input.code === undefined) throw new AppError('invalid_input', 'errors:counts.productRequired', { field: 'code' });
        const hit = findByBarcode(ctx.db, input.code, readerLanguage(ctx));
        if (!hit) throw new AppError('not_found', 'errors:counts.unknownBarcode', { field: 'code', params: { code: input.code } });
        productId = hit.product.id;
      }
      const added = addCountEntries(ctx, input.countId, [{ productId, quantity: input.quantity }], input.source);
      const counted = added.products[0]?.counted ?? 0;
      return {
        productId,
        name: pickName(readProductNames(ctx.db, productId), readerLanguage(ctx)),
        quantity: input.quantity,
        counted,
      };
    },
  }),

  /** Many counted lines at once (a terminal's file or serial upload, confirmed). */
  'counts.addEntries': handler({
    access: 'stock.count',
    input: z
      .object({
        countId: id,
        entries: z.array(z.object({ productId: id, quantity }).strict()).min(1, 'errors:counts.noEntries').max(MAX_IMPORT_ENTRIES),
        source: z.enum(['file', 'serial']),
      })
      .strict(),
    run(ctx, input) {
      const added = addCountEntries(ctx, input.countId, input.entries, input.source);
      ctx.audit({
        action: 'counts.imported',
        entity: 'count',
        entityId: input.countId,
        details: { source: input.source, entries: added.added, products: added.products.length },
      });
      return added;
    },
  }),

  /**
   * Books the variance. The answer's values need reports.view like every cost: stock.adjust alone
   * posts quantities (the default manager has both; a role with stock.adjust only gets nulls).
   */
  'counts.post': handler({
    access: 'stock.adjust',
    input: z.object({ countId: id, uncountedAsZero: z.boolean().optional(), requestId: id.optional() }).strict(),
    run(ctx, input) {
      const withCost = canSeeCost(ctx);
      return { ...totalsView(postCount(ctx, input), withCost), costVisible: withCost };
    },
  }),

  'counts.cancel': handler({
    access: 'stock.count',
    input: z.object({ countId: id }).strict(),
    run: (ctx, input) => cancelCount(ctx, input.countId),
  }),
};
