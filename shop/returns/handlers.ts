import { z } from 'zod';
import { handler } from '../api/define';
import { AppError } from '../api/errors';
import { id } from '../api/schemas';
import { commitReturn, planReturn, type ReturnQuote, type ReturnResult } from './commit';
import { readReturnable, resolveSaleId, type ReturnableSale } from './lookup';

const returnLine = z
  .object({
    lineId: id,
    quantity: z
      .number('errors:returns.quantityInvalid')
      .int('errors:returns.quantityInvalid')
      .min(1, 'errors:returns.quantityInvalid')
      .max(10_000, 'errors:returns.quantityInvalid'),
    disposition: z.enum(['restock', 'writeoff']),
  })
  .strict();

const returnLines = z.array(returnLine).min(1, 'errors:returns.noLines').max(200);

/** Returns against a posted sale (notes/COUNTER.md "returns"). */
export const returnsHandlers = {
  /** The sale to return from, by id, receipt number, or the code scanned off the receipt. */
  'returns.lookup': handler({
    access: 'sales.return',
    input: z
      .object({
        saleId: id.optional(),
        number: z.number().int().min(1).max(1e12).optional(),
        code: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    run(ctx, input): ReturnableSale {
      if (input.saleId === undefined && input.number === undefined && input.code === undefined) {
        throw new AppError('invalid_input', 'errors:returns.saleNotFound', { field: 'code' });
      }
      const { clientDiscountBp: _internal, ...sale } = readReturnable(ctx, resolveSaleId(ctx, input));
      return sale;
    },
  }),

  /** What a return would give back and by which method, with commit's refusals; writes nothing (the dialog never computes money). */
  'returns.quote': handler({
    access: 'sales.return',
    input: z.object({ saleId: id, lines: returnLines }).strict(),
    run: (ctx, input): ReturnQuote => planReturn(ctx, input).quote,
  }),

  'returns.commit': handler({
    access: 'sales.return',
    input: z
      .object({
        saleId: id,
        lines: returnLines,
        reason: z
          .string('errors:returns.reasonRequired')
          .trim()
          .min(1, 'errors:returns.reasonRequired')
          .max(200, 'errors:returns.reasonTooLong'),
        print: z.boolean().default(true),
        requestId: id.optional(),
      })
      .strict(),
    run: (ctx, input): ReturnResult => commitReturn(ctx, input),
  }),
};
