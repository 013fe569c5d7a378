import { z } from 'zod';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, type Language } from '../api/schemas';
import { pickName, readProductNames } from '../catalog/names';
import { PRODUCT_KINDS } from '../catalog/products';

/** Markdown rules: "from day 6, 20 % off cut flowers". Master data, edited in place, archived not deleted. */

export const markdownScope = z.union([
  z.object({ productId: id }).strict(),
  z.object({ categoryId: id }).strict(),
  z.object({ kind: z.enum(PRODUCT_KINDS) }).strict(),
  z.object({}).strict(),
]);

export const markdownInput = z
  .object({
    id: id.optional(),
    fromDay: z.number().int('errors:freshness.fromDayInvalid').min(0, 'errors:freshness.fromDayInvalid').max(3650, 'errors:freshness.fromDayInvalid'),
    // 1 bp = 0.01 %; 100 % would give the stems away: a write-off says that better.
    percentBp: z.number().int('errors:freshness.percentInvalid').min(1, 'errors:freshness.percentInvalid').max(9900, 'errors:freshness.percentInvalid'),
    scope: markdownScope,
  })
  .strict();
export type MarkdownInput = z.output<typeof markdownInput>;

export interface MarkdownRuleView {
  id: string;
  fromDay: number;
  percentBp: number;
  scope: { productId?: string; categoryId?: string; kind?: string };
  /** what the scope is called, in the reader's language: the product or category name; null for a kind or all */
  scopeName: string | null;
  archived: boolean;
}

interface RuleRow {
  id: string;
  from_day: number;
  percent_bp: number;
  product_kind: string | null;
  category_id: string | null;
  product_id: string | null;
  archived: number;
}

function categoryName(ctx: CallContext, categoryId: string, lang: Language): string | null {
  return (
    (statement(
      ctx.db,
      `SELECT name FROM category_names WHERE category_id = ? ORDER BY lang = ? DESC, lang = 'en' DESC, lang LIMIT 1`,
    )
      .pluck()
      .get(categoryId, lang) as string | undefined) ?? null
  );
}

function toView(ctx: CallContext, r: RuleRow, lang: Language): MarkdownRuleView {
  const scope: MarkdownRuleView['scope'] = r.product_id
    ? { productId: r.product_id }
    : r.category_id
      ? { categoryId: r.category_id }
      : r.product_kind
        ? { kind: r.product_kind }
        : {};
  const scopeName = r.product_id
    ? pickName(readProductNames(ctx.db, r.product_id), lang)
    : r.category_id
      ? categoryName(ctx, r.category_id, lang)
      : null;
  return { id: r.id, fromDay: r.from_day, percentBp: r.percent_bp, scope, scopeName, archived: r.archived === 1 };
}

const RULE_COLUMNS = 'id, from_day, percent_bp, product_kind, category_id, product_id, archived';

export function listRules(ctx: CallContext, shopId: string, lang: Language, includeArchived: boolean): MarkdownRuleView[] {
  const rows = statement(
    ctx.db,
    `SELECT ${RULE_COLUMNS} FROM markdown_rules WHERE shop_id = ? AND (archived = 0 OR ?)
      ORDER BY archived, product_id IS NULL, category_id IS NULL, product_kind IS NULL, product_kind, from_day, id`,
  ).all(shopId, includeArchived ? 1 : 0) as RuleRow[];
  return rows.map((r) => toView(ctx, r, lang));
}

function readRule(ctx: CallContext, shopId: string, ruleId: string): RuleRow {
  const row = statement(ctx.db, `SELECT ${RULE_COLUMNS} FROM markdown_rules WHERE id = ? AND shop_id = ?`).get(ruleId, shopId) as
    | RuleRow
    | undefined;
  if (!row) throw new AppError('not_found', 'errors:freshness.ruleNotFound', { field: 'id' });
  return row;
}

function checkScope(ctx: CallContext, scope: MarkdownInput['scope']): { kind: string | null; categoryId: string | null; productId: string | null } {
  if ('productId' in scope) {
    const p = statement(ctx.db, 'SELECT kind FROM products WHERE id = ?').get(scope.productId) as { kind: string } | undefined;
    if (!p) throw new AppError('not_found', 'errors:catalog.productNotFound', { field: 'scope.productId' });
    if (p.kind === 'service') throw new AppError('conflict', 'errors:freshness.serviceNoMarkdown', { field: 'scope.productId' });
    return { kind: null, categoryId: null, productId: scope.productId };
  }
  if ('categoryId' in scope) {
    const c = statement(ctx.db, 'SELECT id FROM categories WHERE id = ?').get(scope.categoryId);
    if (!c) throw new AppError('not_found', 'errors:catalog.categoryNotFound', { field: 'scope.categoryId' });
    return { kind: null, categoryId: scope.categoryId, productId: null };
  }
  if ('kind' in scope) {
    if (scope.kind === 'service') throw new AppError('conflict', 'errors:freshness.serviceNoMarkdown', { field: 'scope.kind' });
    return { kind: scope.kind, categoryId: null, productId: null };
  }
  return { kind: null, categoryId: null, productId: null };
}

/**
 * Creates or edits a rule. Two active rules of one scope from the same day would leave the counter
 * guessing which applies: refused.
 */
export function saveRule(ctx: CallContext, shopId: string, input: MarkdownInput): { id: string; created: boolean; before: RuleRow | null } {
  const s = checkScope(ctx, input.scope);
  const before = input.id ? readRule(ctx, shopId, input.id) : null;
  const clash = statement(
    ctx.db,
    `SELECT id FROM markdown_rules WHERE shop_id = ? AND archived = 0 AND from_day = ? AND id <> ?
       AND product_kind IS ? AND category_id IS ? AND product_id IS ?`,
  ).get(shopId, input.fromDay, input.id ?? '', s.kind, s.categoryId, s.productId);
  if (clash) throw new AppError('conflict', 'errors:freshness.ruleSameDay', { field: 'fromDay', params: { day: input.fromDay } });
  const at = ctx.now().toISOString();
  if (before) {
    statement(
      ctx.db,
      `UPDATE markdown_rules SET from_day = ?, percent_bp = ?, product_kind = ?, category_id = ?, product_id = ?, archived = 0,
              updated_at = ? WHERE id = ?`,
    ).run(input.fromDay, input.percentBp, s.kind, s.categoryId, s.productId, at, before.id);
    return { id: before.id, created: false, before };
  }
  const ruleId = ctx.newId();
  statement(
    ctx.db,
    `INSERT INTO markdown_rules (id, shop_id, from_day, percent_bp, product_kind, category_id, product_id, archived, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(ruleId, shopId, input.fromDay, input.percentBp, s.kind, s.categoryId, s.productId, at, at);
  return { id: ruleId, created: true, before: null };
}

/** Archives a rule; false when it already was. */
export function archiveRule(ctx: CallContext, shopId: string, ruleId: string): boolean {
  const row = readRule(ctx, shopId, ruleId);
  if (row.archived === 1) return false;
  statement(ctx.db, 'UPDATE markdown_rules SET archived = 1, updated_at = ? WHERE id = ?').run(ctx.now().toISOString(), ruleId);
  return true;
}

export function ruleView(ctx: CallContext, shopId: string, ruleId: string, lang: Language): MarkdownRuleView {
  return toView(ctx, readRule(ctx, shopId, ruleId), lang);
}
