import { z } from 'zod';
import { handler } from '../api/define';
import { id } from '../api/schemas';
import { productNotFound } from '../catalog/products';
import { statement } from '../../db/statements';
import { lotsOf, productBalance } from './ledger';

/** Reading stock. Movements are written by the documents that cause them (sales, arrivals, write-offs), not here. */
export const stockHandlers = {
  /** A product's stock: its balance and the lots holding it, oldest first, with age and value. */
  'stock.lots': handler({
    access: 'catalog.view',
    input: z.object({ productId: id }).strict(),
    run(ctx, input) {
      if (statement(ctx.db, 'SELECT 1 FROM products WHERE id = ?').get(input.productId) === undefined) throw productNotFound('productId');
      return { productId: input.productId, balance: productBalance(ctx.db, input.productId), lots: lotsOf(ctx.db, input.productId, ctx.now()) };
    },
  }),
};
