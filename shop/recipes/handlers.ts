import { z } from 'zod';
import { handler, type CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, MAX_MONEY, money } from '../api/schemas';
import { readerLanguage } from '../catalog/products';
import { statement } from '../../db/statements';
import { canSeeBouquetCost } from '../users/costs';
import { MAX_PHOTO_DATA_URL_LENGTH, parsePhotoDataUrl } from './photo';
import { ROUNDING_MODES, roundToStep, type PricingRules, type RoundingMode } from './price';
import {
  checkRecipeVariants,
  liveRecipeIds,
  listRecipes,
  MAX_COMPONENTS,
  priceVariant,
  RECIPE_SIZES,
  recipeInput,
  repriceRecipe,
  requireRecipe,
  saveRecipe,
  setRecipeArchived,
  shopOf,
  viewRecipe,
  type Repriced,
} from './recipes';
import { readPricingRules, shopCurrency, writePricingRules } from './rules';
import { PRICED_KINDS } from './kinds';

const markupBp = z.number().int('errors:recipes.markupInvalid').min(0, 'errors:recipes.markupInvalid').max(1_000_000, 'errors:recipes.markupInvalid');
const roundingStep = z.number().int('errors:recipes.stepInvalid').min(1, 'errors:recipes.stepInvalid').max(MAX_MONEY, 'errors:recipes.stepInvalid');

const pricingInput = z
  .object({
    fixedAddition: money,
    assemblyFee: money,
    roundingStep,
    roundingMode: z.enum(ROUNDING_MODES),
    /** kinds left out keep their markup */
    markups: z.object(Object.fromEntries(PRICED_KINDS.map((k) => [k, markupBp.optional()])) as Record<(typeof PRICED_KINDS)[number], z.ZodOptional<typeof markupBp>>).strict(),
  })
  .strict();

/** Amounts just above a round number, to show what the step and mode do to them. */
function roundingExamples(step: number, mode: RoundingMode): { amount: number; rounded: number }[] {
  const s = Math.max(1, step);
  const base = s * 24;
  const offsets = s === 1 ? [0] : [...new Set([Math.max(1, Math.round(s * 0.2)), Math.floor(s / 2), Math.round(s * 0.8)])];
  return offsets.map((o) => ({ amount: base + o, rounded: roundToStep(base + o, s, mode) }));
}

function pricingView(ctx: CallContext) {
  const shopId = shopOf(ctx);
  const rules = readPricingRules(ctx.db, shopId);
  return {
    currency: shopCurrency(ctx.db, shopId),
    fixedAddition: rules.fixedAddition,
    assemblyFee: rules.assemblyFee,
    roundingStep: rules.roundingStep,
    roundingMode: rules.roundingMode,
    markups: Object.fromEntries(PRICED_KINDS.map((k) => [k, rules.markups[k]])) as Record<(typeof PRICED_KINDS)[number], number>,
    /** false while the shop runs on the defaults for its currency */
    stored: rules.stored,
    examples: roundingExamples(rules.roundingStep, rules.roundingMode),
  };
}

const previewComponent = z
  .object({ productId: id, quantity: z.number().int().min(1, 'errors:recipes.quantityInvalid').max(10_000, 'errors:recipes.quantityInvalid') })
  .strict();

function recipesChanged(ctx: CallContext, productsChanged: boolean): void {
  ctx.emit({ type: 'recipes.changed' });
  if (productsChanged) ctx.emit({ type: 'catalog.changed' });
}

function auditRepriced(ctx: CallContext, recipeId: string, repriced: Repriced[]): void {
  if (repriced.length === 0) return;
  ctx.audit({ action: 'recipes.repriced', entity: 'recipe', entityId: recipeId, details: { prices: repriced } });
}

export const recipesHandlers = {
  /** The shop's bouquet pricing rules, with its currency's defaults where the owner set nothing. */
  'pricing.get': handler({
    access: 'catalog.view',
    input: z.object({}).strict(),
    run: (ctx) => pricingView(ctx),
  }),

  /** What a rounding step and mode do to a few amounts, for the rules form while it is edited. */
  'pricing.examples': handler({
    access: 'catalog.view',
    input: z.object({ roundingStep, roundingMode: z.enum(ROUNDING_MODES) }).strict(),
    run: (_ctx, input) => roundingExamples(input.roundingStep, input.roundingMode),
  }),

  'pricing.save': handler({
    access: 'pricing.manage',
    input: pricingInput,
    run: (ctx, input) => {
      const shopId = shopOf(ctx);
      const before = readPricingRules(ctx.db, shopId);
      const after: PricingRules = {
        fixedAddition: input.fixedAddition,
        assemblyFee: input.assemblyFee,
        roundingStep: input.roundingStep,
        roundingMode: input.roundingMode,
        markups: { ...before.markups },
      };
      for (const k of PRICED_KINDS) {
        const bp = input.markups[k];
        if (bp !== undefined) after.markups[k] = bp;
      }
      writePricingRules(ctx.db, shopId, after, ctx.now().toISOString());
      const { stored: _stored, ...from } = before;
      ctx.audit({ action: 'pricing.saved', entity: 'shop', entityId: shopId, details: { from, to: after } });
      ctx.emit({ type: 'pricing.changed' });
      return pricingView(ctx);
    },
  }),

  /** Recipe cards: sizes with shelf price, rule price, how many the stock makes; cost only for who may see it. */
  'recipes.list': handler({
    access: 'catalog.view',
    input: z.object({ query: z.string().max(200).optional(), includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => listRecipes(ctx, input),
  }),

  'recipes.get': handler({
    access: 'catalog.view',
    input: z.object({ id }).strict(),
    run: (ctx, input) => viewRecipe(ctx, requireRecipe(ctx, input.id), readPricingRules(ctx.db, shopOf(ctx))),
  }),

  /**
   * The editor's live cost and price per size, nothing written. What saving would refuse (the
   * recipe containing itself, a service, an archived product) comes back as `problem`, not as a refusal.
   */
  'recipes.preview': handler({
    access: 'catalog.view',
    input: z
      .object({
        id: id.optional(),
        variants: z
          .array(
            z
              .object({
                size: z.enum(RECIPE_SIZES),
                assemblyFee: money.default(0),
                components: z.array(previewComponent).max(MAX_COMPONENTS),
              })
              .strict(),
          )
          .max(RECIPE_SIZES.length),
      })
      .strict(),
    run: (ctx, input) => {
      const shopId = shopOf(ctx);
      if (input.id !== undefined) requireRecipe(ctx, input.id);
      const rules = readPricingRules(ctx.db, shopId);
      const lang = readerLanguage(ctx);
      const withCost = canSeeBouquetCost(ctx);
      let problem: { messageKey: string; field?: string; params?: Record<string, string | number> } | null = null;
      try {
        checkRecipeVariants(ctx, input.id ?? null, input.variants);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        problem = { messageKey: e.messageKey, ...(e.field ? { field: e.field } : {}), ...(e.params ? { params: e.params } : {}) };
      }
      const variants = input.variants.map((v) => {
        const priced = priceVariant(ctx.db, v.components, v.assemblyFee, rules, lang);
        return {
          size: v.size,
          price: priced.price,
          ...(withCost ? { cost: priced.cost, breakdown: priced.breakdown } : {}),
          makeable: priced.makeable,
          noCost: priced.noCost,
          components: priced.components.map(({ cost, ...rest }) => (withCost ? { ...rest, cost } : rest)),
        };
      });
      return { variants, problem };
    },
  }),

  /** Creates or updates a recipe; each size's bouquet product gets the rule price now. */
  'recipes.save': handler({
    access: 'recipes.manage',
    input: recipeInput,
    run: (ctx, input) => {
      const saved = saveRecipe(ctx, input);
      ctx.audit({
        action: 'recipes.saved',
        entity: 'recipe',
        entityId: saved.id,
        details: {
          created: saved.created,
          name: input.name,
          variants: input.variants.map((v, i) => ({
            size: v.size,
            productId: saved.variants[i]?.productId,
            price: saved.variants[i]?.price,
            assemblyFee: v.assemblyFee,
            components: v.components,
          })),
        },
      });
      recipesChanged(ctx, saved.productsChanged);
      return viewRecipe(ctx, requireRecipe(ctx, saved.id), readPricingRules(ctx.db, shopOf(ctx)));
    },
  }),

  /** Archives (default) or restores a recipe; its bouquets leave (or return to) the sale screen with it. */
  'recipes.archive': handler({
    access: 'recipes.manage',
    input: z.object({ id, archived: z.boolean().default(true) }).strict(),
    run: (ctx, input) => {
      if (setRecipeArchived(ctx, input.id, input.archived)) {
        ctx.audit({ action: 'recipes.archived', entity: 'recipe', entityId: input.id, details: { archived: input.archived } });
        recipesChanged(ctx, true);
      }
      return { archived: input.archived };
    },
  }),

  /** A JPEG, PNG or WebP of at most 2 MB (the window shrinks it to 1024 px first); null removes the photo. */
  'recipes.setPhoto': handler({
    access: 'recipes.manage',
    input: z.object({ id, dataUrl: z.string().max(MAX_PHOTO_DATA_URL_LENGTH, 'errors:recipes.photoTooLarge').nullable() }).strict(),
    run: (ctx, input) => {
      requireRecipe(ctx, input.id);
      const photo = input.dataUrl === null ? null : parsePhotoDataUrl(input.dataUrl);
      statement(ctx.db, 'UPDATE recipes SET photo = ?, photo_type = ?, updated_at = ? WHERE id = ?').run(
        photo?.bytes ?? null,
        photo?.type ?? null,
        ctx.now().toISOString(),
        input.id,
      );
      ctx.audit({
        action: 'recipes.photoSet',
        entity: 'recipe',
        entityId: input.id,
        details: photo ? { type: photo.type, bytes: photo.bytes.length } : { removed: true },
      });
      ctx.emit({ type: 'recipes.changed' });
      return { photo: photo !== null };
    },
  }),

  /** Sets the bouquets' shelf prices to what the rules say now: one recipe, or every live one without an id. */
  'recipes.reprice': handler({
    access: 'recipes.manage',
    input: z.object({ id: id.optional() }).strict(),
    run: (ctx, input) => {
      const ids = input.id !== undefined ? [requireRecipe(ctx, input.id).id] : liveRecipeIds(ctx.db, shopOf(ctx));
      const repriced: Repriced[] = [];
      for (const recipeId of ids) {
        const changed = repriceRecipe(ctx, recipeId);
        auditRepriced(ctx, recipeId, changed);
        repriced.push(...changed);
      }
      if (repriced.length > 0) recipesChanged(ctx, true);
      return { repriced };
    },
  }),
};
