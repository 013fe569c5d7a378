import type { Input } from '../../shop/api/contract';
import { parseMoney } from '../format/money';

/**
 * The arrival being typed in: lines as the florist reads them off the invoice. Quantities and costs stay
 * text until posting (a half-typed "12," is not an error yet). The line totals shown are quantity × cost
 * for the eye only; the arrival's total, the cost per stem of a pack and its rounding are the backend's
 * (arrivals.post answers the posted total).
 */

export type QuantityMode = 'stems' | 'packs';
export type CostMode = 'stem' | 'pack';

export interface DraftLine {
  key: string;
  productId: string;
  name: string;
  unit: string;
  mode: QuantityMode;
  quantity: string;
  packs: string;
  packSize: string;
  costMode: CostMode;
  cost: string;
}

export interface ArrivalDraft {
  supplierId: string;
  invoiceNo: string;
  /** yyyy-mm-dd in the PC's local calendar */
  date: string;
  note: string;
  lines: DraftLine[];
}

let counter = 0;
export function lineKey(): string {
  counter += 1;
  return `l${Date.now().toString(36)}${counter}`;
}

export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function emptyDraft(now = new Date()): ArrivalDraft {
  return { supplierId: '', invoiceNo: '', date: localDate(now), note: '', lines: [] };
}

/** A new line; in packs with the supplier's pack when it has one for the product. */
export function newLine(product: { id: string; name: string; unit: string }, pack: { packSize: number } | undefined): DraftLine {
  return {
    key: lineKey(),
    productId: product.id,
    name: product.name,
    unit: product.unit,
    mode: pack ? 'packs' : 'stems',
    quantity: pack ? '' : '1',
    packs: pack ? '1' : '',
    packSize: pack ? String(pack.packSize) : '',
    costMode: pack ? 'pack' : 'stem',
    cost: '',
  };
}

/** A whole number ≥ 1 typed in a quantity box, else null. */
export function parseCount(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 ? n : null;
}

/** Stems the line brings, or null while it is incomplete. */
export function lineStems(line: DraftLine): number | null {
  if (line.mode === 'stems') return parseCount(line.quantity);
  const packs = parseCount(line.packs);
  const size = parseCount(line.packSize);
  return packs !== null && size !== null ? packs * size : null;
}

/** What the line costs as typed (for display), or null while incomplete. */
export function lineTotal(line: DraftLine, currency: string): number | null {
  const cost = parseMoney(line.cost, currency);
  if (!cost.ok) return null;
  if (line.costMode === 'pack') {
    const packs = line.mode === 'packs' ? parseCount(line.packs) : null;
    return packs === null ? null : packs * cost.minor;
  }
  const stems = lineStems(line);
  return stems === null ? null : stems * cost.minor;
}

/** Σ of complete lines, for display while typing. */
export function draftTotal(draft: ArrivalDraft, currency: string): number {
  return draft.lines.reduce((sum, l) => sum + (lineTotal(l, currency) ?? 0), 0);
}

/** Adds a scanned or picked product: a second time adds one more (stem or pack) to its line. */
export function addProduct(draft: ArrivalDraft, product: { id: string; name: string; unit: string }, pack: { packSize: number } | undefined): ArrivalDraft {
  const existing = draft.lines.find((l) => l.productId === product.id);
  if (!existing) return { ...draft, lines: [...draft.lines, newLine(product, pack)] };
  return {
    ...draft,
    lines: draft.lines.map((l) => {
      if (l !== existing) return l;
      if (l.mode === 'packs') return { ...l, packs: String((parseCount(l.packs) ?? 0) + 1) };
      return { ...l, quantity: String((parseCount(l.quantity) ?? 0) + 1) };
    }),
  };
}

/**
 * The arrival date as the backend wants it: today → now (the time it is being received), an earlier
 * day → 08:00 that day in the PC's time zone (deliveries come in the morning).
 */
export function arrivedAtFor(date: string, now = new Date()): string | undefined {
  if (date === '' || date === localDate(now)) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return 'invalid';
  return new Date(y, m - 1, d, 8, 0, 0).toISOString();
}

export type PostInput = Input<'arrivals.post'>;

/**
 * The post request. What is typed wrongly is sent as it can be read (an empty quantity as 0, a cost that
 * is not money as −1), so the backend's translated refusal names the line and field to fix.
 */
export function toPostInput(draft: ArrivalDraft, currency: string, requestId: string, now = new Date()): PostInput {
  const arrivedAt = arrivedAtFor(draft.date, now);
  const count = (text: string) => parseCount(text) ?? (/^\s*-/.test(text) ? -1 : 0);
  // empty: left out (the backend asks for a cost); negative: −1 (refused as negative); unreadable: a
  // fraction of a minor unit (refused as not a valid cost)
  const money = (text: string): number | undefined => {
    const parsed = parseMoney(text, currency);
    if (parsed.ok) return parsed.minor;
    return parsed.error === 'empty' ? undefined : parsed.error === 'negative' ? -1 : 0.5;
  };
  const cost = (l: DraftLine) => {
    const value = money(l.cost);
    if (value === undefined) return {};
    return l.costMode === 'pack' && l.mode === 'packs' ? { packCost: value } : { unitCost: value };
  };
  return {
    ...(draft.supplierId ? { supplierId: draft.supplierId } : {}),
    ...(draft.invoiceNo.trim() ? { invoiceNo: draft.invoiceNo.trim() } : {}),
    ...(arrivedAt !== undefined ? { arrivedAt } : {}),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
    requestId,
    lines: draft.lines.map((l) => ({
      productId: l.productId,
      ...(l.mode === 'stems' ? { quantity: count(l.quantity) } : { packs: count(l.packs), packSize: count(l.packSize) }),
      ...cost(l),
    })),
  };
}
