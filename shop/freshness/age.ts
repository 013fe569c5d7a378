/**
 * How old a lot is and how long it has left: the ONE place that decides it, so the stock view,
 * markdowns at the counter, write-offs (age at discard) and restock (usable stock) agree.
 *
 * Age is whole 24-hour periods since the lot's arrival (floor), not calendar days: stems that came
 * in at 23:00 are not "a day old" an hour later, and the answer does not depend on a time zone the
 * shop has not told us (the shop has no time zone setting yet). A lot dated in the future (a clock
 * set wrong, an arrival typed ahead) counts as age 0, never negative.
 */

export const MS_PER_DAY = 86_400_000;

/** Whole days since `arrivedAt` (ISO date-time, or a Date) at `now`; 0 for a future arrival or an unreadable date. */
export function ageDays(arrivedAt: string | Date, now: Date): number {
  const arrived = typeof arrivedAt === 'string' ? Date.parse(arrivedAt) : arrivedAt.getTime();
  if (Number.isNaN(arrived)) return 0;
  return Math.max(0, Math.floor((now.getTime() - arrived) / MS_PER_DAY));
}

/**
 * Days of vase life left: vase life − age. 0 is the last day, negative is past its vase life.
 * null when the product has no vase life (plants, consumables).
 */
export function remainingDays(vaseLifeDays: number | null | undefined, age: number): number | null {
  if (vaseLifeDays === null || vaseLifeDays === undefined) return null;
  return vaseLifeDays - age;
}

/** The freshness band of a lot, for colours and words on screen and the sell-first list. */
export type FreshnessState = 'fresh' | 'ageing' | 'lastDay' | 'expired' | 'none';

/** Ageing: 2 days or less left (the sell-first threshold). */
export const AGEING_DAYS = 2;

export function freshnessState(remaining: number | null): FreshnessState {
  if (remaining === null) return 'none';
  if (remaining < 0) return 'expired';
  if (remaining === 0) return 'lastDay';
  if (remaining <= AGEING_DAYS) return 'ageing';
  return 'fresh';
}
