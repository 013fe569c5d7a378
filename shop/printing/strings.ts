import en from '../../locales/en/receipt.json' with { type: 'json' };
import ru from '../../locales/ru/receipt.json' with { type: 'json' };
import ka from '../../locales/ka/receipt.json' with { type: 'json' };
import kk from '../../locales/kk/receipt.json' with { type: 'json' };
import uz from '../../locales/uz/receipt.json' with { type: 'json' };
import { LANGUAGES, type Language } from '../api/schemas';

/**
 * Receipt wording in the SHOP's language (not the cashier's: the customer takes the paper home).
 * The same locale files as the UI (locales/<lang>/receipt.json), read here without i18next because a
 * receipt needs only plain `{{name}}` substitution.
 */
export type ReceiptKey = keyof typeof en;

const TABLES: Record<Language, Record<ReceiptKey, string>> = { en, ru, ka, kk, uz };

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export type ReceiptT = (key: ReceiptKey, params?: Record<string, string | number>) => string;

export function receiptStrings(language: string): ReceiptT {
  const table = TABLES[isLanguage(language) ? language : 'en'];
  return (key, params = {}) =>
    (table[key] ?? en[key]).replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** One sample line per language, each in its own script, for the test page. */
export function languageSamples(): { language: Language; name: string; sample: string }[] {
  return LANGUAGES.map((language) => ({ language, name: TABLES[language].languageName, sample: TABLES[language].sample }));
}
