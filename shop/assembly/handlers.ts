import { z } from 'zod';
import { handler } from '../api/define';
import { id } from '../api/schemas';
import { customBouquetProduct } from './custom';
import { listAssemblies } from './list';
import { makeBouquets } from './make';
import { applySubstitutions, planAssembly, readVariant } from './plan';
import { assemblyVariance } from './variance';

export const MAX_BOUQUETS = 500;
export const MAX_COMPONENTS = 100;
const MAX_PER_BOUQUET = 10_000;

const countMessage = 'errors:assembly.quantityInvalid';
const bouquets = z.number(countMessage).int(countMessage).min(1, countMessage).max(MAX_BOUQUETS, countMessage);
const perMessage = 'errors:assembly.componentQuantityInvalid';
const perBouquet = z.number(perMessage).int(perMessage).min(1, perMessage).max(MAX_PER_BOUQUET, perMessage);

/** The florist's actual components, per bouquet (when they differ from the recipe). */
const components = z
  .array(z.object({ productId: id, quantity: perBouquet }).strict())
  .min(1, 'errors:assembly.noComponents')
  .max(MAX_COMPONENTS, 'errors:assembly.tooManyComponents');

const day = z.string('errors:assembly.dateInvalid').regex(/^\d{4}-\d{2}-\d{2}$/, 'errors:assembly.dateInvalid');

/** Making bouquets from recipes, and the counter's generic bouquet (notes/FLOWERS.md "assembly"). */
export const assemblyHandlers = {
  /** What making N takes: recipe against actual, availability, the short list, cost. Writes nothing. */
  'assembly.plan': handler({
    access: 'bouquets.make',
    input: z
      .object({
        variantId: id,
        quantity: bouquets,
        components: components.optional(),
        substitutions: z
          .array(
            z
              .object({
                lineNo: z.number().int().min(1).optional(),
                productId: id,
                quantity: z.number(perMessage).int(perMessage).min(0, perMessage).max(MAX_PER_BOUQUET, perMessage),
              })
              .strict(),
          )
          .max(MAX_COMPONENTS, 'errors:assembly.tooManyComponents')
          .optional(),
      })
      .strict(),
    run: (ctx, input) => {
      const variant = readVariant(ctx, input.variantId);
      const actual = input.components ?? (input.substitutions ? applySubstitutions(variant, input.substitutions) : undefined);
      return planAssembly(ctx, variant, input.quantity, actual, input.components ? 'components' : 'substitutions');
    },
  }),

  /** Makes N bouquets: components out FIFO, one ready lot in at the real cost, recipe against actual frozen. */
  'assembly.make': handler({
    access: 'bouquets.make',
    input: z
      .object({
        variantId: id,
        quantity: bouquets,
        components: components.optional(),
        note: z.string().trim().max(500, 'errors:assembly.noteTooLong').optional(),
        requestId: id.optional(),
      })
      .strict(),
    run: (ctx, input) => makeBouquets(ctx, input),
  }),

  'assembly.list': handler({
    access: 'bouquets.make',
    input: z
      .object({
        limit: z.number().int().min(1).max(200).default(50),
        before: z.number().int().min(1).optional(),
      })
      .strict(),
    run: (ctx, input) => listAssemblies(ctx, input),
  }),

  /** Recipe against actual per recipe size and component over whole days [from, to]. */
  'assembly.variance': handler({
    access: 'reports.view',
    input: z.object({ from: day, to: day }).strict(),
    run: (ctx, input) => assemblyVariance(ctx, input),
  }),

  /** The generic "Bouquet" product a bouquet built at the counter is sold as; made on first use. */
  'bouquets.customProduct': handler({
    access: 'sales.sell',
    input: z.object({}).strict(),
    run: (ctx) => {
      const { productId, created } = customBouquetProduct(ctx);
      if (created) ctx.emit({ type: 'catalog.changed' });
      return { productId };
    },
  }),
};
