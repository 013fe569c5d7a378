import type { Database } from 'better-sqlite3';
import type { Language } from '../api/schemas';
import { barcodeLookupVariants } from './barcode';
import type { ColourCode } from './colours';
import { normalizeText } from './normalize';
import type { ProductKind, Unit } from './products';
import { statement } from './statements';

export const SEARCH_SORTS = ['name', 'price', 'updated'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const MAX_SEARCH_LIMIT = 200;
/** More words than this in one query are ignored: nobody types them, and each costs a clause. */
export const MAX_QUERY_WORDS = 8;

export interface SearchParams {
  query?: string;
  lang: Language;
  kind?: ProductKind;
  categoryId?: string;
  includeArchived?: boolean;
  sort?: SearchSort;
  dir?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface ProductListItem {
  id: string;
  /** In the requested language, else English, else Russian, else any. */
  name: string;
  kind: ProductKind;
  variety: string | null;
  colour: ColourCode | null;
  stemLengthCm: number | null;
  categoryId: string | null;
  categoryName: string | null;
  price: number;
  unit: Unit;
  barcodes: string[];
  archived: boolean;
  updatedAt: string;
}

export interface SearchResult {
  items: ProductListItem[];
  /** All matches, not just this page. */
  total: number;
}

interface ListRow {
  id: string;
  name: string;
  kind: ProductKind;
  variety: string | null;
  colour: ColourCode | null;
  stem_length_cm: number | null;
  category_id: string | null;
  category_name: string | null;
  price: number;
  unit: Unit;
  archived: number;
  updated_at: string;
  total?: number;
}

// Display name with fallback (lang → en → ru → any, "any" in a fixed order so lists are stable).
const NAME = (column: 'name' | 'sort_key') => `COALESCE(nl.${column}, ne.${column}, nr.${column},
  (SELECT x.${column} FROM product_names x WHERE x.product_id = p.id ORDER BY x.lang LIMIT 1))`;

const LIST_COLUMNS = `p.id, p.kind, p.variety, p.colour, p.stem_length_cm, p.category_id, p.price, p.unit, p.archived,
  p.updated_at, ${NAME('name')} AS name`;

const NAME_JOINS = `
  LEFT JOIN product_names nl ON nl.product_id = p.id AND nl.lang = @lang
  LEFT JOIN product_names ne ON ne.product_id = p.id AND ne.lang = 'en'
  LEFT JOIN product_names nr ON nr.product_id = p.id AND nr.lang = 'ru'`;

/** Category names are looked up for the rows shown only, not for every match. */
function categoryName(db: Database, categoryId: string | null, lang: Language): string | null {
  if (categoryId === null) return null;
  const row = statement(
    db,
    `SELECT name FROM category_names WHERE category_id = ?
      ORDER BY lang = ? DESC, lang = 'en' DESC, lang = 'ru' DESC, lang LIMIT 1`,
  ).get(categoryId, lang) as { name: string } | undefined;
  return row?.name ?? null;
}

function barcodesOf(db: Database, ids: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = statement(
    db,
    `SELECT product_id, code FROM barcodes WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, code`,
  ).all(JSON.stringify(ids)) as { product_id: string; code: string }[];
  for (const r of rows) out.get(r.product_id)?.push(r.code);
  return out;
}

function toItems(db: Database, rows: ListRow[], lang: Language): ProductListItem[] {
  const codes = barcodesOf(db, rows.map((r) => r.id));
  const categoryNames = new Map<string, string | null>();
  return rows.map((r) => {
    let category: string | null = null;
    if (r.category_id !== null) {
      if (!categoryNames.has(r.category_id)) categoryNames.set(r.category_id, categoryName(db, r.category_id, lang));
      category = categoryNames.get(r.category_id) ?? null;
    }
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      variety: r.variety,
      colour: r.colour,
      stemLengthCm: r.stem_length_cm,
      categoryId: r.category_id,
      categoryName: category,
      price: r.price,
      unit: r.unit,
      barcodes: codes.get(r.id) ?? [],
      archived: r.archived === 1,
      updatedAt: r.updated_at,
    };
  });
}

/** A word for FTS5 as one literal phrase: inside double quotes nothing (AND, NEAR, *, parentheses) is syntax. */
export function ftsPhrase(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

/** A word for LIKE … ESCAPE '\': its own % and _ are literal. */
export function likeLiteral(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface QueryPlan {
  /** FTS5 MATCH expression for the words of 3+ characters (the trigram index cannot see shorter ones). */
  match: string | null;
  /** Words of 1–2 characters, matched at the start of a word. */
  short: string[];
}

export function planQuery(query: string | undefined): QueryPlan {
  const words = normalizeText(query ?? '')
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, MAX_QUERY_WORDS);
  const long = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  return { match: long.length > 0 ? long.map(ftsPhrase).join(' ') : null, short };
}

const ORDER: Record<SearchSort, string> = {
  name: 'sort_key #, p.seq',
  price: 'p.price #, sort_key, p.seq',
  updated: 'p.updated_at #, p.seq',
};

/**
 * Instant search for the product list. 3+ letters go through the trigram index (any part of any
 * name, variety, colour or barcode); 1–2 letters match the start of a word, so "ro" lists roses
 * and not every name with "ro" inside; no query browses. Archived products only when asked.
 */
export function searchProducts(db: Database, params: SearchParams): SearchResult {
  const plan = planQuery(params.query);
  const where: string[] = [];
  const bind: Record<string, string | number> = {
    lang: params.lang,
    limit: Math.min(Math.max(params.limit ?? 50, 1), MAX_SEARCH_LIMIT),
    offset: Math.max(params.offset ?? 0, 0),
  };
  if (plan.match !== null) {
    where.push('p.seq IN (SELECT rowid FROM product_search WHERE product_search MATCH @match)');
    bind.match = plan.match;
  }
  plan.short.forEach((word, i) => {
    where.push(`(p.search_text LIKE @s${i} ESCAPE '\\' OR p.search_text LIKE @w${i} ESCAPE '\\')`);
    bind[`s${i}`] = `${likeLiteral(word)}%`;
    bind[`w${i}`] = `% ${likeLiteral(word)}%`;
  });
  if (!params.includeArchived) where.push('p.archived = 0');
  if (params.kind !== undefined) {
    where.push('p.kind = @kind');
    bind.kind = params.kind;
  }
  if (params.categoryId !== undefined) {
    where.push('p.category_id = @categoryId');
    bind.categoryId = params.categoryId;
  }
  const dir = params.dir === 'desc' ? 'DESC' : 'ASC';
  const sql = `SELECT ${LIST_COLUMNS}, ${NAME('sort_key')} AS sort_key, count(*) OVER () AS total
    FROM products p ${NAME_JOINS}
    ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY ${ORDER[params.sort ?? 'name'].replace('#', dir)}
    LIMIT @limit OFFSET @offset`;
  const stmt = statement(db, sql);
  const rows = stmt.all(bind) as ListRow[];
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && (bind.offset as number) > 0) {
    // Paged past the end: the window count came back with no rows, so ask for it alone.
    total = (stmt.all({ ...bind, limit: 1, offset: 0 }) as ListRow[])[0]?.total ?? 0;
  }
  return { items: toItems(db, rows, params.lang), total };
}

/**
 * The product a scanned code belongs to (archived ones too: the label may still be on stock),
 * trying the UPC-A and EAN-13 spellings of the same GTIN. Null when none.
 */
export function findByBarcode(db: Database, code: string, lang: Language): { product: ProductListItem; code: string } | null {
  const stmt = statement(
    db,
    `SELECT ${LIST_COLUMNS} FROM barcodes b JOIN products p ON p.id = b.product_id ${NAME_JOINS} WHERE b.code = @code`,
  );
  for (const variant of barcodeLookupVariants(code.trim())) {
    const row = stmt.get({ code: variant, lang }) as ListRow | undefined;
    if (row) {
      const [product] = toItems(db, [row], lang);
      if (product) return { product, code: variant };
    }
  }
  return null;
}
