import { z } from 'zod';
import { handler } from '../api/define';
import { id } from '../api/schemas';
import { shopIdOf } from '../shifts/current';
import { commitSale } from './commit';
import { commitInput, draft, quoteInput } from './draft';
import { listParked, parkSale, resumeSale } from './park';
import { quoteDraft } from './quote';
import { listTiles, MAX_TILES, setTiles } from './tiles';

/** The sale screen's API (notes/COUNTER.md "sales"). Money is computed in pricing.ts only. */
export const salesHandlers = {
  /** Prices a draft (lines, discounts, client) for the screen; never writes. */
  'sales.quote': handler({
    access: 'sales.sell',
    input: quoteInput,
    run: (ctx, { cardAmount, ...input }) => quoteDraft(ctx, input, cardAmount),
  }),

  /** Posts the sale with its payments, stock and receipt job, all in one transaction. */
  'sales.commit': handler({
    access: 'sales.sell',
    input: commitInput,
    run: (ctx, input) => commitSale(ctx, input),
  }),

  'sales.park': handler({
    access: 'sales.sell',
    input: z.object({ draft, label: z.string().trim().max(60, 'errors:sales.labelTooLong').optional() }).strict(),
    run: (ctx, input) => parkSale(ctx, input.draft, input.label === '' ? undefined : input.label),
  }),

  'sales.parked': handler({
    access: 'sales.sell',
    input: z.object({}).strict(),
    run: (ctx) => listParked(ctx),
  }),

  'sales.resume': handler({
    access: 'sales.sell',
    input: z.object({ id }).strict(),
    run: (ctx, input) => resumeSale(ctx, input.id),
  }),

  'sales.tiles': handler({
    access: 'sales.sell',
    input: z.object({}).strict(),
    run: (ctx) => listTiles(ctx),
  }),

  'sales.setTiles': handler({
    access: 'catalog.edit',
    input: z.object({ productIds: z.array(id).max(MAX_TILES, 'errors:sales.tooManyTiles') }).strict(),
    run: (ctx, input) => {
      setTiles(ctx, shopIdOf(ctx), input.productIds);
      ctx.audit({ action: 'sales.tilesSet', entity: 'shop', entityId: shopIdOf(ctx), details: { productIds: input.productIds } });
      // The tiles show products: the screen reloads them with the catalogue.
      ctx.emit({ type: 'catalog.changed' });
      return listTiles(ctx);
    },
  }),
};
