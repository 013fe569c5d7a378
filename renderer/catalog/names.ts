import type { ProductRecord } from './types';

const FALLBACK = ['en', 'ru', 'ka', 'kk', 'uz'] as const;

/**
 * The name shown to a reader of `language`, for a full record (lists and scans get it picked by the
 * backend already): theirs, else English, else Russian, else any — the backend's order.
 */
export function displayName(names: ProductRecord['names'], language: string): string {
  const own = (names as Record<string, string | undefined>)[language];
  if (own) return own;
  for (const lang of FALLBACK) {
    const name = names[lang];
    if (name) return name;
  }
  return '';
}
