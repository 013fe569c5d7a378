/**
 * The five UI languages. Kept here rather than imported from shop/api/schemas.ts because the renderer may only
 * import types from shop/; test/unit/locales.test.ts checks both lists agree.
 */
export const LANGUAGES = ['en', 'ru', 'ka', 'kk', 'uz'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in its own script, so a person who cannot read the current one still finds theirs. */
export const LANGUAGE_LABELS: Record<Language, string> = {
  en: 'English',
  ru: 'Русский',
  ka: 'ქართული',
  kk: 'Қазақша',
  uz: 'Oʻzbekcha',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export const CURRENCIES = ['GEL', 'KZT', 'UZS', 'RUB', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Roles and permissions as the backend names them; labels come from common:roles.* and common:permissions.*. */
export const ROLES = ['owner', 'manager', 'cashier', 'florist', 'courier'] as const;
export type Role = (typeof ROLES)[number];
export const PIN_ROLES: readonly Role[] = ['cashier', 'florist', 'courier'];
