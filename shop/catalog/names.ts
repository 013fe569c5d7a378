import { z } from 'zod';
import type { Database } from 'better-sqlite3';
import { LANGUAGES, type Language } from '../api/schemas';
import { AppError } from '../api/errors';
import { statement } from '../../db/statements';

export const MAX_NAME_LENGTH = 120;

export const catalogName = z.string().trim().min(1).max(MAX_NAME_LENGTH);

/** Names of a product or category per language; at least one must be given. */
export const namesInput = z
  .object({
    en: catalogName.optional(),
    ru: catalogName.optional(),
    ka: catalogName.optional(),
    kk: catalogName.optional(),
    uz: catalogName.optional(),
  })
  .strict()
  .refine((names) => Object.values(names).some((n) => n !== undefined), 'errors:catalog.nameRequired');

/** A change to names: a string sets a language's name, null removes it. */
export const namesPatch = z
  .object({
    en: catalogName.nullable().optional(),
    ru: catalogName.nullable().optional(),
    ka: catalogName.nullable().optional(),
    kk: catalogName.nullable().optional(),
    uz: catalogName.nullable().optional(),
  })
  .strict();

export type Names = Partial<Record<Language, string>>;

/** Trimmed, empty entries dropped, in the fixed language order; refuses when nothing is left. */
export function cleanNames(names: Partial<Record<Language, string | null | undefined>>, field = 'names'): Names {
  const out: Names = {};
  for (const lang of LANGUAGES) {
    const name = names[lang]?.trim();
    if (name) out[lang] = name.slice(0, MAX_NAME_LENGTH);
  }
  if (Object.keys(out).length === 0) throw new AppError('invalid_input', 'errors:catalog.nameRequired', { field });
  return out;
}

export function mergeNames(current: Names, patch: Partial<Record<Language, string | null | undefined>>): Names {
  const merged: Partial<Record<Language, string | null | undefined>> = { ...current };
  for (const lang of LANGUAGES) {
    if (patch[lang] !== undefined) merged[lang] = patch[lang];
  }
  return cleanNames(merged);
}

export function sameNames(a: Names, b: Names): boolean {
  return LANGUAGES.every((lang) => a[lang] === b[lang]);
}

/** The name to show a person reading `lang`: theirs, else English, else Russian, else whichever exists. */
export function pickName(names: Names, lang: Language): string {
  return names[lang] ?? names.en ?? names.ru ?? LANGUAGES.map((l) => names[l]).find((n) => n !== undefined) ?? '';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The names the shop entered (not the borrowed fallbacks product_names also holds). */
export function readProductNames(db: Database, productId: string): Names {
  const rows = statement(
    db,
    'SELECT lang, name FROM product_names WHERE product_seq = (SELECT seq FROM products WHERE id = ?) AND own = 1',
  ).all(productId) as {
    lang: Language;
    name: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.lang, r.name])) as Names;
}

export function readCategoryNames(db: Database, categoryId: string): Names {
  const rows = statement(db, 'SELECT lang, name FROM category_names WHERE category_id = ?').all(categoryId) as {
    lang: Language;
    name: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.lang, r.name])) as Names;
}
