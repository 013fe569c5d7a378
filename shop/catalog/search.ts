import type { Database } from 'better-sqlite3';
import type { Language } from '../api/schemas';
import { barcodeLookupVariants } from './barcode';
import type { ColourCode } from './colours';
import { normalizeText } from './normalize';
import type { ProductKind, Unit } from './products';
import { statement } from '../../db/statements';

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
  codes: string | null;
}

// product_names holds a row per language with the fallback already applied (see the migration).
// Barcodes ride along as one string (codes are printable ASCII without tabs): a covering-index
// lookup per row shown instead of a second query.
const LIST_COLUMNS = `p.id, p.kind, p.variety, p.colour, p.stem_length_cm, p.category_id, p.price, p.unit, p.archived,
  p.updated_at, n.name, (SELECT group_concat(bc.code, char(9)) FROM barcodes bc WHERE bc.product_id = p.id) AS codes`;

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

function toItems(db: Database, rows: ListRow[], lang: Language): ProductListItem[] {
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
      barcodes: r.codes ? r.codes.split('\t') : [],
      archived: r.archived === 1,
      updatedAt: r.updated_at,
    };
  });
}

/** Text for FTS5 as one literal phrase: inside double quotes nothing (AND, NEAR, *, parentheses) is syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A word for LIKE … ESCAPE '\': its own % and _ are literal. */
export function likeLiteral(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface QueryPlan {
  /**
   * FTS5 MATCH expression: words of 3+ letters anywhere, 2-letter words at a word start
   * (search_text puts a space before every word, so " ro" is itself a trigram).
   */
  match: string | null;
  /** 1-letter words among longer ones: matched at a word start, among the trigram hits. */
  letters: string[];
  /** A query of one letter alone: names in the reader's language that start with it. */
  namePrefix: string | null;
}

export function planQuery(query: string | undefined): QueryPlan {
  const words = normalizeText(query ?? '')
    .split(' ')
    .filter((w) => w.length > 0)
    .slice(0, MAX_QUERY_WORDS);
  const length = (w: string) => [...w].length;
  if (words.length === 1 && length(words[0] ?? '') === 1) return { match: null, letters: [], namePrefix: words[0] ?? null };
  const phrases = words.filter((w) => length(w) >= 2).map((w) => ftsPhrase(length(w) === 2 ? ` ${w}` : w));
  return {
    match: phrases.length > 0 ? phrases.join(' ') : null,
    letters: words.filter((w) => length(w) === 1),
    namePrefix: null,
  };
}

/** Below this many trigram hits, sorting the hits beats walking an index in order and skipping non-hits. */
const FEW_HITS = 200;

const MATCH_HITS = 'SELECT rowid FROM product_search WHERE product_search MATCH @match';

function hitCount(db: Database, match: string): number {
  return statement(db, 'SELECT count(*) FROM product_search WHERE product_search MATCH ?').pluck().get(match) as number;
}

function anyArchived(db: Database): boolean {
  return statement(db, 'SELECT 1 FROM products WHERE archived = 1 LIMIT 1').get() !== undefined;
}

/** The code point after this character: [c, next(c)) is every string starting with c, in binary order. */
function nextCharacter(c: string): string {
  return String.fromCodePoint((c.codePointAt(0) ?? 0) + 1);
}

/**
 * Instant search for the product list. 3+ letters go through the trigram index (any part of any
 * name, variety, colour or barcode); 2 letters match the start of any word, so "ro" lists roses
 * and not every word with "ro" inside; a single letter lists names starting with it in the
 * reader's language; no query browses. Archived products only when asked.
 *
 * Fast at 20,000 products because no step costs per match when matches are many: the page is
 * read by walking an index already in the requested order (names per language, price, updated)
 * and skipping rows the trigram index did not return, and the total comes from the trigram index.
 */
export function searchProducts(db: Database, params: SearchParams): SearchResult {
  const plan = planQuery(params.query);
  const sort = params.sort ?? 'name';
  const dir = params.dir === 'desc' ? 'DESC' : 'ASC';
  const bind: Record<string, string | number> = {
    lang: params.lang,
    limit: Math.min(Math.max(params.limit ?? 50, 1), MAX_SEARCH_LIMIT),
    offset: Math.max(params.offset ?? 0, 0),
  };

  // Conditions on the product row (p).
  const filters: string[] = [];
  plan.letters.forEach((letter, i) => {
    filters.push(`p.search_text LIKE @l${i} ESCAPE '\\'`);
    bind[`l${i}`] = `% ${likeLiteral(letter)}%`;
  });
  if (!params.includeArchived) filters.push('p.archived = 0');
  if (params.kind !== undefined) {
    filters.push('p.kind = @kind');
    bind.kind = params.kind;
  }
  if (params.categoryId !== undefined) {
    filters.push('p.category_id = @categoryId');
    bind.categoryId = params.categoryId;
  }
  // Conditions on the name row in the reader's language (n).
  const nameConds: string[] = [];
  if (plan.namePrefix !== null) {
    nameConds.push('n.sort_key >= @prefixFrom AND n.sort_key < @prefixTo');
    bind.prefixFrom = plan.namePrefix;
    bind.prefixTo = nextCharacter(plan.namePrefix);
  }

  let hits: number | null = null;
  if (plan.match !== null) {
    bind.match = plan.match;
    hits = hitCount(db, plan.match);
    if (hits === 0) return { items: [], total: 0 };
  }
  const where = (conds: string[]) => (conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '');
  const orderBy =
    sort === 'name'
      ? `n.sort_key ${dir}, n.product_seq ${dir}`
      : sort === 'price'
        ? `p.price ${dir}, p.seq ${dir}`
        : `p.updated_at ${dir}, p.seq ${dir}`;
  const page = `ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;

  let pageSql: string;
  if (hits !== null && hits <= FEW_HITS) {
    pageSql = `SELECT p.seq FROM (${MATCH_HITS}) h
      CROSS JOIN products p ON p.seq = h.rowid
      CROSS JOIN product_names n ON n.product_seq = p.seq AND n.lang = @lang
      ${where([...filters, ...nameConds])} ${page}`;
  } else if (sort === 'name' || plan.namePrefix !== null) {
    const inHits = hits !== null ? [`n.product_seq IN (${MATCH_HITS})`] : [];
    // INDEXED BY: with statistics the planner would rather look every hit up and sort them all,
    // which is what costs per match; walking the index in order stops after one page.
    pageSql = `SELECT p.seq FROM product_names n INDEXED BY product_names_sort CROSS JOIN products p ON p.seq = n.product_seq
      ${where(['n.lang = @lang', ...nameConds, ...inHits, ...filters])} ${page}`;
  } else {
    const inHits = hits !== null ? [`p.seq IN (${MATCH_HITS})`] : [];
    const index = sort === 'price' ? 'products_price' : 'products_updated';
    pageSql = `SELECT p.seq FROM products p INDEXED BY ${index} CROSS JOIN product_names n ON n.product_seq = p.seq AND n.lang = @lang
      ${where([...inHits, ...filters])} ${page}`;
  }
  const seqs = statement(db, pageSql).pluck().all(bind) as number[];

  // The total: a page that is not full (and was reached) already says it; otherwise from an
  // index alone when only the archived flag filters and nothing is archived; else counted.
  const plain = params.kind === undefined && params.categoryId === undefined && plan.letters.length === 0;
  let total: number;
  if (seqs.length < (bind.limit as number) && (seqs.length > 0 || bind.offset === 0)) {
    total = (bind.offset as number) + seqs.length;
  } else if (hits !== null) {
    const indexAlone = plain && (params.includeArchived === true || !anyArchived(db));
    total = indexAlone
      ? hits
      : countOf(db, `SELECT count(*) FROM (${MATCH_HITS}) h CROSS JOIN products p ON p.seq = h.rowid ${where(filters)}`, bind);
  } else if (plan.namePrefix !== null) {
    const indexAlone = plain && (params.includeArchived === true || !anyArchived(db));
    total = indexAlone
      ? countOf(db, `SELECT count(*) FROM product_names n ${where(['n.lang = @lang', ...nameConds])}`, bind)
      : countOf(
          db,
          `SELECT count(*) FROM product_names n CROSS JOIN products p ON p.seq = n.product_seq
           ${where(['n.lang = @lang', ...nameConds, ...filters])}`,
          bind,
        );
  } else {
    total = countOf(db, `SELECT count(*) FROM products p ${where(filters)}`, bind);
  }
  return { items: itemsBySeq(db, seqs, params.lang), total };
}

/** Runs a count with just the parameters its SQL names (better-sqlite3 refuses unused named ones). */
function countOf(db: Database, sql: string, bind: Record<string, string | number>): number {
  const used = Object.fromEntries(Object.entries(bind).filter(([name]) => sql.includes(`@${name}`)));
  return statement(db, sql).pluck().get(used) as number;
}

/** The list rows for these products, in this order. */
function itemsBySeq(db: Database, seqs: number[], lang: Language): ProductListItem[] {
  if (seqs.length === 0) return [];
  const rows = statement(
    db,
    `SELECT ${LIST_COLUMNS} FROM json_each(@seqs) j
       CROSS JOIN products p ON p.seq = j.value
       CROSS JOIN product_names n ON n.product_seq = p.seq AND n.lang = @lang
      ORDER BY j.key`,
  ).all({ seqs: JSON.stringify(seqs), lang }) as ListRow[];
  return toItems(db, rows, lang);
}

/**
 * The product a scanned code belongs to (archived ones too: the label may still be on stock),
 * trying the UPC-A and EAN-13 spellings of the same GTIN. Null when none.
 */
export function findByBarcode(db: Database, code: string, lang: Language): { product: ProductListItem; code: string } | null {
  const stmt = statement(
    db,
    `SELECT ${LIST_COLUMNS} FROM barcodes b
       CROSS JOIN products p ON p.id = b.product_id
       CROSS JOIN product_names n ON n.product_seq = p.seq AND n.lang = @lang
      WHERE b.code = @code`,
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
