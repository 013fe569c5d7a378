import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id, LANGUAGES, type Language } from '../api/schemas';
import { cleanNames, mergeNames, namesInput, namesPatch, pickName, readCategoryNames, sameNames, type Names } from './names';
import { statement } from '../../db/statements';

export const MAX_CATEGORY_DEPTH = 8;

export const categoryInput = z
  .object({
    names: namesInput,
    parentId: id.optional(),
    sort: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  })
  .strict();
export type CategoryInput = z.input<typeof categoryInput>;

export const categoryPatch = z
  .object({
    names: namesPatch.optional(),
    parentId: id.nullable().optional(),
    sort: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export type CategoryPatch = z.input<typeof categoryPatch>;

interface CategoryRow {
  id: string;
  parent_id: string | null;
  sort: number;
  archived: number;
}

export const categoryNotFound = (field = 'id') => new AppError('not_found', 'errors:catalog.categoryNotFound', { field });

function readCategory(db: Database, categoryId: string): CategoryRow | undefined {
  return statement(db, 'SELECT id, parent_id, sort, archived FROM categories WHERE id = ?').get(categoryId) as
    | CategoryRow
    | undefined;
}

export function categoryExists(db: Database, categoryId: string): boolean {
  return readCategory(db, categoryId) !== undefined;
}

/** A category a product or a child category may be put in: it exists and is not archived. */
export function assertUsableCategory(db: Database, categoryId: string, field: string): void {
  const row = readCategory(db, categoryId);
  if (!row) throw categoryNotFound(field);
  if (row.archived) throw new AppError('invalid_input', 'errors:catalog.categoryArchived', { field });
}

function writeNames(ctx: CallContext, categoryId: string, names: Names): void {
  statement(ctx.db, 'DELETE FROM category_names WHERE category_id = ?').run(categoryId);
  const insert = statement(ctx.db, 'INSERT INTO category_names (category_id, lang, name) VALUES (?, ?, ?)');
  for (const lang of LANGUAGES) {
    const name = names[lang];
    if (name !== undefined) insert.run(categoryId, lang, name);
  }
}

export function createCategory(
  ctx: CallContext,
  input: { names: Partial<Record<Language, string>>; parentId?: string; sort?: number },
): string {
  const names = cleanNames(input.names);
  if (input.parentId !== undefined) assertUsableCategory(ctx.db, input.parentId, 'parentId');
  const categoryId = ctx.newId();
  const at = ctx.now().toISOString();
  statement(
    ctx.db,
    'INSERT INTO categories (id, parent_id, sort, archived, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
  ).run(categoryId, input.parentId ?? null, input.sort ?? 0, at, at);
  writeNames(ctx, categoryId, names);
  return categoryId;
}

/** Changes a category; returns what changed (field → from/to) for the audit log, empty when nothing did. */
export function updateCategory(ctx: CallContext, categoryId: string, patch: CategoryPatch): Record<string, unknown> {
  const row = readCategory(ctx.db, categoryId);
  if (!row) throw categoryNotFound();
  const changes: Record<string, { from: unknown; to: unknown }> = {};

  if (patch.names !== undefined) {
    const before = readCategoryNames(ctx.db, categoryId);
    const after = mergeNames(before, patch.names);
    if (!sameNames(before, after)) {
      writeNames(ctx, categoryId, after);
      changes.names = { from: before, to: after };
    }
  }
  if (patch.parentId !== undefined && patch.parentId !== row.parent_id) {
    if (patch.parentId !== null) {
      assertUsableCategory(ctx.db, patch.parentId, 'parentId');
      assertNoCycle(ctx.db, categoryId, patch.parentId);
    }
    changes.parentId = { from: row.parent_id, to: patch.parentId };
  }
  if (patch.sort !== undefined && patch.sort !== row.sort) changes.sort = { from: row.sort, to: patch.sort };
  if (patch.archived !== undefined && patch.archived !== (row.archived === 1)) {
    changes.archived = { from: row.archived === 1, to: patch.archived };
  }
  if (Object.keys(changes).length > 0) {
    statement(
      ctx.db,
      'UPDATE categories SET parent_id = ?, sort = ?, archived = ?, updated_at = ? WHERE id = ?',
    ).run(
      patch.parentId !== undefined ? patch.parentId : row.parent_id,
      patch.sort ?? row.sort,
      patch.archived !== undefined ? (patch.archived ? 1 : 0) : row.archived,
      ctx.now().toISOString(),
      categoryId,
    );
  }
  return changes;
}

/** Putting a category under itself or one of its own descendants would cut the branch off the tree. */
function assertNoCycle(db: Database, categoryId: string, newParentId: string): void {
  let cursor: string | null = newParentId;
  for (let depth = 0; cursor !== null; depth++) {
    if (cursor === categoryId || depth > MAX_CATEGORY_DEPTH) {
      throw new AppError('invalid_input', 'errors:catalog.categoryCycle', { field: 'parentId' });
    }
    cursor = readCategory(db, cursor)?.parent_id ?? null;
  }
}

export interface CategoryListItem {
  id: string;
  parentId: string | null;
  sort: number;
  archived: boolean;
  /** In the reader's language, with the usual fallback. */
  name: string;
  names: Names;
  /** Products in it that are not archived. */
  productCount: number;
}

export function listCategories(db: Database, lang: Language, includeArchived: boolean): CategoryListItem[] {
  const rows = statement(
    db,
    `SELECT c.id, c.parent_id, c.sort, c.archived,
            (SELECT count(*) FROM products p WHERE p.category_id = c.id AND p.archived = 0) AS product_count
       FROM categories c
      WHERE c.archived = 0 OR ? = 1`,
  ).all(includeArchived ? 1 : 0) as (CategoryRow & { product_count: number })[];
  const items = rows.map((r) => {
    const names = readCategoryNames(db, r.id);
    return {
      id: r.id,
      parentId: r.parent_id,
      sort: r.sort,
      archived: r.archived === 1,
      name: pickName(names, lang),
      names,
      productCount: r.product_count,
    };
  });
  const collator = new Intl.Collator(lang);
  return items.sort((a, b) => a.sort - b.sort || collator.compare(a.name, b.name));
}
