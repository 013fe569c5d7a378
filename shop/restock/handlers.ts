import { z } from 'zod';
import { handler } from '../api/define';
import { id, shortText } from '../api/schemas';
import { readerLanguage } from '../catalog/products';
import { applyOverrides, restockWorkbook } from './exportXlsx';
import { archiveOccasion, listOccasions, saveOccasion } from './occasions';
import { productSeries, suggestRestock } from './suggest';

/** The API of restock planning and the occasions calendar. */

const weeks = z.number().int().min(1, 'errors:restock.weeksRange').max(52, 'errors:restock.weeksRange');
const horizonDays = z.number().int().min(1, 'errors:restock.horizonRange').max(60, 'errors:restock.horizonRange');

const suggestInput = z
  .object({
    weeks: weeks.optional(),
    /** default: each supplier's lead days + 3 */
    horizonDays: horizonDays.optional(),
    /** one supplier's order; null: the products without a supplier */
    supplierId: id.nullable().optional(),
  })
  .strict();

const occasionInput = z
  .object({
    id: id.optional(),
    name: shortText(80),
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31).nullable().optional(),
    weekday: z.number().int().min(0).max(6).nullable().optional(),
    nth: z.union([z.literal(-1), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable().optional(),
    daysBefore: z.number().int().min(0, 'errors:restock.daysBeforeRange').max(30, 'errors:restock.daysBeforeRange'),
    upliftBp: z.number().int().min(0, 'errors:restock.upliftRange').max(1_000_000, 'errors:restock.upliftRange'),
  })
  .strict();

export const restockHandlers = {
  'occasions.list': handler({
    access: 'reports.view',
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => listOccasions(ctx, input.includeArchived ?? false),
  }),
  'occasions.save': handler({
    access: 'pricing.manage',
    input: occasionInput,
    run: (ctx, input) => saveOccasion(ctx, input),
  }),
  'occasions.archive': handler({
    access: 'pricing.manage',
    input: z.object({ id, archived: z.boolean().optional() }).strict(),
    run: (ctx, input) => archiveOccasion(ctx, input.id, input.archived ?? true),
  }),
  'restock.suggest': handler({
    access: 'reports.view',
    input: suggestInput,
    run: (ctx, input) => suggestRestock(ctx, input),
  }),
  'restock.series': handler({
    access: 'reports.view',
    input: z.object({ productId: id, weeks: weeks.optional(), horizonDays: horizonDays.optional() }).strict(),
    run: (ctx, input) => productSeries(ctx, input),
  }),
  'restock.exportXlsx': handler({
    access: 'reports.view',
    input: suggestInput
      .extend({
        /** packs the person changed on screen */
        overrides: z
          .array(z.object({ productId: id, supplierId: id.nullable(), packs: z.number().int().min(0).max(100_000) }).strict())
          .max(5_000)
          .optional(),
      })
      .strict(),
    // Writing the workbook is asynchronous: the figures are read in one transaction first.
    transaction: false,
    async run(ctx, input) {
      const { overrides, ...params } = input;
      const suggestion = ctx.db.transaction(() => suggestRestock(ctx, params))();
      return restockWorkbook(applyOverrides(suggestion, overrides ?? []), readerLanguage(ctx));
    },
  }),
};
