/**
 * Counting the drawer at close: counts typed per note and coin. The only money the renderer works out
 * itself is this live sum (count × face value, exact in integers); expected cash and the real variance
 * come from the backend, which recomputes the counted total from the same counts when the shift closes.
 */

/** What a count field holds: digits only; blank is zero. Null when it is not a count. */
export function parseCount(text: string): number | null {
  const s = text.trim();
  if (s === '') return 0;
  if (!/^\d{1,6}$/.test(s)) return null;
  return Number(s);
}

export interface CountedDenomination {
  denomination: number;
  count: number;
}

/** The counts to send: one entry per denomination with something counted, in the order shown. */
export function countedEntries(denominations: readonly number[], typed: Readonly<Record<number, string>>): CountedDenomination[] | null {
  const out: CountedDenomination[] = [];
  for (const denomination of denominations) {
    const count = parseCount(typed[denomination] ?? '');
    if (count === null) return null;
    if (count > 0) out.push({ denomination, count });
  }
  return out;
}

/** Σ count × value of what is typed so far (fields that are not counts count as nothing yet). */
export function countedTotal(denominations: readonly number[], typed: Readonly<Record<number, string>>): number {
  let total = 0;
  for (const denomination of denominations) {
    const count = parseCount(typed[denomination] ?? '') ?? 0;
    total += count * denomination;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('counted cash out of range');
  return total;
}

export type Balance = 'short' | 'over' | 'even';

/**
 * Before the shift is closed, how the count stands against the backend's expected cash: a preview
 * only (the Z report's variance is the backend's), so the cashier can recount before confirming.
 */
export function countAgainstExpected(counted: number, expected: number): { balance: Balance; difference: number } {
  const difference = counted - expected;
  return { balance: difference === 0 ? 'even' : difference < 0 ? 'short' : 'over', difference };
}

/** Adds `delta` to a typed count (the − / + buttons), never below zero; an unreadable field restarts from zero. */
export function stepCount(text: string, delta: number): string {
  const current = parseCount(text) ?? 0;
  return String(Math.max(0, Math.min(999_999, current + delta)));
}

/** Notes then coins, each largest first, as the counting grid lists them. */
export function denominationList(data: { notes: readonly number[]; coins: readonly number[] } | undefined): { value: number; kind: 'note' | 'coin' }[] {
  if (!data) return [];
  const desc = (a: number, b: number) => b - a;
  return [
    ...[...data.notes].sort(desc).map((value) => ({ value, kind: 'note' as const })),
    ...[...data.coins].sort(desc).map((value) => ({ value, kind: 'coin' as const })),
  ];
}
