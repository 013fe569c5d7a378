import type { TFunction } from 'i18next';
import { formatNumber } from '../format/numbers';

/** What the screen needs of an occasion to name it and say when it falls. */
export interface OccasionLike {
  name: string;
  builtin: string | null;
  month: number;
  day: number | null;
  weekday: number | null;
  nth: number | null;
}

/** A built-in occasion is named by its key in the reader's language; the owner's own by the name typed. */
export function occasionName(t: TFunction<'restock'>, o: { name: string; builtin: string | null }): string {
  return o.builtin ? t(`builtin.${o.builtin}`, { defaultValue: o.name }) : o.name;
}

/** "8 March" style rule text: a fixed day, or "last Sunday of November". */
export function ruleText(t: TFunction<'restock'>, o: OccasionLike): string {
  const month = t(`months.${o.month}`);
  if (o.day !== null) return `${o.day} ${month}`;
  return t('ruleText', { nth: t(`nth.${o.nth ?? 1}`), weekday: t(`weekdays.${o.weekday ?? 0}`), month });
}

/** An uplift in basis points as a multiplier: 25000 → "2.5" ("2,5" in kk even where the runtime lacks kk's CLDR data). */
export function upliftText(bp: number, language: string): string {
  return formatNumber(bp / 10_000, language);
}
