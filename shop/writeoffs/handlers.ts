import { z } from 'zod';
import { handler } from '../api/define';
import { id } from '../api/schemas';
import { canSeeCost } from '../users/costs';
import { MAX_STOCK_QUANTITY } from '../stock/ledger';
import { postWriteoff, WRITEOFF_REASONS, type WriteoffResult } from './post';
import { listWriteoffs, readWriteoff, type WriteoffDetail, type WriteoffPage } from './read';
import { SHRINK_GROUPS, shrinkReport, type ShrinkReport } from './shrink';

const quantity = z
  .number('errors:writeoffs.quantityInvalid')
  .int('errors:writeoffs.quantityInvalid')
  .min(1, 'errors:writeoffs.quantityInvalid')
  .max(MAX_STOCK_QUANTITY, 'errors:writeoffs.quantityInvalid');

/** A date (YYYY-MM-DD) or an ISO date-time; the conversion and the range check live in read.ts. */
const when = z.string('errors:writeoffs.dateInvalid').trim().min(10, 'errors:writeoffs.dateInvalid').max(40, 'errors:writeoffs.dateInvalid');

/** A chosen lot, or a product (taken oldest lot first): exactly one of the two. */
const line = z
  .object({ lotId: id.optional(), productId: id.optional(), quantity })
  .strict()
  .refine((l) => (l.lotId === undefined) !== (l.productId === undefined), { message: 'errors:writeoffs.lineInvalid', path: ['lotId'] });

const reason = z.enum(WRITEOFF_REASONS, 'errors:writeoffs.reasonInvalid');

/** What the poster is answered: the total cost only for who may see costs (reports.view), as everywhere. */
export type WriteoffAnswer = Omit<WriteoffResult, 'totalCost'> & { totalCost: number | null; costVisible: boolean };

/** Write-offs (from a chosen lot or a product oldest lot first) and the shrink view (notes/FLOWERS.md "write-offs & shrink"). */
export const writeoffsHandlers = {
  'writeoffs.post': handler({
    access: 'stock.writeoff',
    input: z
      .object({
        reason,
        note: z.string().trim().max(500, 'errors:writeoffs.noteTooLong').optional(),
        lines: z.array(line).min(1, 'errors:writeoffs.noLines').max(200, 'errors:writeoffs.tooManyLines'),
        requestId: id.optional(),
      })
      .strict(),
    run(ctx, input): WriteoffAnswer {
      const posted = postWriteoff(ctx, input);
      // a florist throws stems away without learning what they cost (the cost is frozen on the document all the same)
      return canSeeCost(ctx) ? { ...posted, costVisible: true } : { ...posted, totalCost: null, costVisible: false };
    },
  }),

  'writeoffs.list': handler({
    access: 'stock.writeoff',
    input: z
      .object({
        from: when.optional(),
        to: when.optional(),
        reason: z.enum([...WRITEOFF_REASONS, 'returned']).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        before: z.object({ at: when, id }).strict().optional(),
      })
      .strict(),
    run: (ctx, input): WriteoffPage => listWriteoffs(ctx, input),
  }),

  'writeoffs.get': handler({
    access: 'stock.writeoff',
    input: z.object({ id }).strict(),
    run: (ctx, input): WriteoffDetail => readWriteoff(ctx, input.id),
  }),

  'shrink.report': handler({
    access: 'reports.view',
    input: z.object({ from: when, to: when, groupBy: z.enum(SHRINK_GROUPS).default('product') }).strict(),
    run: (ctx, input): ShrinkReport => shrinkReport(ctx, input),
  }),
};
