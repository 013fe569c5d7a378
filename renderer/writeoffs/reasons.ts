/**
 * What the write-off screens share and can test without a DOM: the reasons a florist picks from,
 * the shrink groupings, the age buckets in their natural order, and the default period.
 * (The backend's lists are not importable here; these mirror shop/writeoffs/post.ts and shrink.ts.)
 */

export const REASONS = ['wilted', 'broken', 'damaged', 'display', 'other'] as const;
export type Reason = (typeof REASONS)[number];
/** every reason a posted write-off can carry: 'returned' comes only from a return */
export type AnyReason = Reason | 'returned';
export const ALL_REASONS: readonly AnyReason[] = [...REASONS, 'returned'];

export const GROUPS = ['product', 'reason', 'age', 'supplier', 'variety', 'category'] as const;
export type Group = (typeof GROUPS)[number];

export const AGE_BUCKETS = ['0-2', '3-4', '5-6', '7-9', '10+'] as const;

/** A day as YYYY-MM-DD in UTC (the backend's days are UTC days). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The last 30 days, today included. */
export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  return { from: isoDay(new Date(now.getTime() - 29 * 86_400_000)), to: isoDay(now) };
}

/**
 * A typed quantity: a whole number from 1 up to `max` (when known), else null. Empty means "all"
 * when `all` is given (the dialog's default: the whole lot).
 */
export function parseQuantity(text: string, max: number | null, all?: number): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return all ?? null;
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  if (n < 1 || (max !== null && n > max)) return null;
  return n;
}

/** Rows in the order to show: age buckets youngest first, everything else as the backend sorted it (biggest cost first). */
export function orderRows<R extends { key: string }>(group: Group, rows: readonly R[]): R[] {
  if (group !== 'age') return [...rows];
  const rank = (key: string) => {
    const i = (AGE_BUCKETS as readonly string[]).indexOf(key);
    return i === -1 ? AGE_BUCKETS.length : i;
  };
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
}

/** Whether a typed quantity is a whole number above what the lot holds (refused with how much it holds). */
export function isOverLot(text: string, max: number | null): boolean {
  const trimmed = text.trim();
  return max !== null && /^\d+$/.test(trimmed) && Number(trimmed) > max;
}
