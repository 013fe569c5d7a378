import { z } from 'zod';
import { handler } from '../api/define';
import { id } from '../api/schemas';
import { canSeeBouquetCost } from '../users/costs';
import { customBouquetProduct } from './custom';
import { listAssemblies, type AssemblyRow } from './list';
import { makeBouquets, type MakeResult } from './make';
import { applySubstitutions, planAssembly, readVariant, type AssemblyPlan } from './plan';
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

/*
 * Costs are shown to whoever may see them elsewhere (reports.view or recipes.manage, as on the recipe
 * cards); a florist making bouquets sees quantities and what is short, not what the lots cost.
 */
type Costless<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;
export type PlanView = Costless<Omit<AssemblyPlan, 'components'>, 'cost' | 'recipeCost' | 'unitCost'> & {
  components: Costless<AssemblyPlan['components'][number], 'cost' | 'recipeCost'>[];
};
export type MadeView = Costless<MakeResult, 'unitCost' | 'componentsCost'>;
export type AssemblyView = Costless<Omit<AssemblyRow, 'components'>, 'componentsCost' | 'recipeCost' | 'unitCost'> & {
  components: Costless<AssemblyRow['components'][number], 'cost' | 'recipeCost'>[];
};

function planView(plan: AssemblyPlan, withCost: boolean): PlanView {
  if (withCost) return plan;
  const { cost: _c, recipeCost: _r, unitCost: _u, components, ...rest } = plan;
  return { ...rest, components: components.map(({ cost: _cc, recipeCost: _rc, ...c }) => c) };
}

function madeView(made: MakeResult, withCost: boolean): MadeView {
  if (withCost) return made;
  const { unitCost: _u, componentsCost: _c, ...rest } = made;
  return rest;
}

function rowView(row: AssemblyRow, withCost: boolean): AssemblyView {
  if (withCost) return row;
  const { componentsCost: _c, recipeCost: _r, unitCost: _u, components, ...rest } = row;
  return { ...rest, components: components.map(({ cost: _cc, recipeCost: _rc, ...c }) => c) };
}

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
    run: (ctx, input): PlanView => {
      const variant = readVariant(ctx, input.variantId);
      const actual = input.components ?? (input.substitutions ? applySubstitutions(variant, input.substitutions) : undefined);
      return planView(planAssembly(ctx, variant, input.quantity, actual, input.components ? 'components' : 'substitutions'), canSeeBouquetCost(ctx));
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
    run: (ctx, input): MadeView => madeView(makeBouquets(ctx, input), canSeeBouquetCost(ctx)),
  }),

  'assembly.list': handler({
    access: 'bouquets.make',
    input: z
      .object({
        limit: z.number().int().min(1).max(200).default(50),
        before: z.number().int().min(1).optional(),
      })
      .strict(),
    run: (ctx, input): { rows: AssemblyView[]; more: boolean } => {
      const page = listAssemblies(ctx, input);
      const withCost = canSeeBouquetCost(ctx);
      return { rows: page.rows.map((r) => rowView(r, withCost)), more: page.more };
    },
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
