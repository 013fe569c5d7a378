import { formatNumber } from '../format/numbers';

/** 25000 basis points → "2.5" (in the reader's decimal mark): people think of markups as multipliers. */
export function markupText(bp: number, language: string): string {
  return formatNumber(bp / 10_000, language, 4);
}

/** "2,5" or "2.5" → 25000; null when it is not a multiplier between 0 and 100. */
export function parseMarkup(text: string): number | null {
  const s = text.trim().replace(/^[×x*]\s*/i, '').replace(',', '.');
  if (!/^\d+(\.\d{1,4})?$/.test(s)) return null;
  const [whole = '0', frac = ''] = s.split('.');
  const bp = Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
  return bp <= 1_000_000 ? bp : null;
}
