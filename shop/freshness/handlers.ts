import { z } from 'zod';
import { handler, type CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id } from '../api/schemas';
import { PRODUCT_KINDS, readerLanguage } from '../catalog/products';
import { currentShopId } from '../shops/current';
import { canSeeCost } from '../users/costs';
import { lowCount, lowStock } from './low';
import { FRESHNESS_STATES, OVERVIEW_SORTS, sellFirst, stockOverview } from './overview';
import { archiveRule, listRules, markdownInput, ruleView, saveRule } from './rules';

/**
 * The API of freshness: the stock view with ages, sell-first and low-stock lists, markdown rules.
 *
 * Costs are the shop's secret: what it paid for a stem is shown only to those who may see reports
 * (reports.view — owner and manager by default). Everyone else sees ages, quantities and markdowns,
 * with unitCost/value null and costVisible false. The rule (shop/users/costs.ts) is applied here, in
 * the backend, so no screen can leak it.
 */

function shopOf(ctx: CallContext): string {
  const shopId = ctx.shopId ?? currentShopId(ctx.db);
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

export const MAX_OVERVIEW_LIMIT = 500;

export const freshnessHandlers = {
  /** Every lot with stock: age, vase life left, quantity, value, the markdown that applies now; filters, sort, one page, totals. */
  'stock.overview': handler({
    access: 'catalog.view',
    input: z
      .object({
        categoryId: id.optional(),
        kind: z.enum(PRODUCT_KINDS).optional(),
        supplierId: id.optional(),
        query: z.string().max(200).optional(),
        state: z.enum(FRESHNESS_STATES).optional(),
        onlyAging: z.boolean().optional(),
        sort: z.enum(OVERVIEW_SORTS).optional(),
        dir: z.enum(['asc', 'desc']).optional(),
        limit: z.number().int().min(1).max(MAX_OVERVIEW_LIMIT).optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
      })
      .strict(),
    run: (ctx, input) => stockOverview(ctx.db, shopOf(ctx), readerLanguage(ctx), ctx.now(), canSeeCost(ctx), input),
  }),

  /** This morning's list: lots with two days or less left or already marked down, with what to do about each. */
  'stock.sellFirst': handler({
    access: 'catalog.view',
    input: z.object({}).strict(),
    run: (ctx) => ({ rows: sellFirst(ctx.db, shopOf(ctx), readerLanguage(ctx), ctx.now(), canSeeCost(ctx)), costVisible: canSeeCost(ctx) }),
  }),

  /** Products below their minimum level, with a reorder quantity in the usual supplier's packs. */
  'stock.low': handler({
    access: 'catalog.view',
    input: z.object({}).strict(),
    run: (ctx) => lowStock(ctx.db, readerLanguage(ctx)),
  }),

  /** How many products are below minimum: the top-bar notice. */
  'stock.lowCount': handler({
    access: 'signedIn',
    input: z.object({}).strict(),
    run: (ctx) => ({ count: lowCount(ctx.db) }),
  }),

  'markdown.list': handler({
    access: 'catalog.view',
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => listRules(ctx, shopOf(ctx), readerLanguage(ctx), input.includeArchived ?? false),
  }),

  /** Creates ({id} absent) or edits a markdown rule. */
  'markdown.save': handler({
    access: 'pricing.manage',
    input: markdownInput,
    run: (ctx, input) => {
      const shopId = shopOf(ctx);
      const saved = saveRule(ctx, shopId, input);
      const before = saved.before
        ? { fromDay: saved.before.from_day, percentBp: saved.before.percent_bp, kind: saved.before.product_kind, categoryId: saved.before.category_id, productId: saved.before.product_id }
        : null;
      ctx.audit({
        action: 'markdown.saved',
        entity: 'markdown_rule',
        entityId: saved.id,
        details: { created: saved.created, fromDay: input.fromDay, percentBp: input.percentBp, scope: input.scope, ...(before ? { before } : {}) },
      });
      ctx.emit({ type: 'pricing.changed' });
      return ruleView(ctx, shopId, saved.id, readerLanguage(ctx));
    },
  }),

  'markdown.archive': handler({
    access: 'pricing.manage',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      if (archiveRule(ctx, shopOf(ctx), input.id)) {
        ctx.audit({ action: 'markdown.archived', entity: 'markdown_rule', entityId: input.id });
        ctx.emit({ type: 'pricing.changed' });
      }
      return { archived: true };
    },
  }),
};
