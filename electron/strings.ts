import type { ApiErrorBody } from '../shop/api/errors';
import menuEn from '../locales/en/menu.json';
import menuRu from '../locales/ru/menu.json';
import menuKa from '../locales/ka/menu.json';
import menuKk from '../locales/kk/menu.json';
import menuUz from '../locales/uz/menu.json';
import startupEn from '../locales/en/errors/startup.json';
import startupRu from '../locales/ru/errors/startup.json';
import startupKa from '../locales/ka/errors/startup.json';
import startupKk from '../locales/kk/errors/startup.json';
import startupUz from '../locales/uz/errors/startup.json';
import commonEn from '../locales/en/common.json';
import commonRu from '../locales/ru/common.json';
import commonKa from '../locales/ka/common.json';
import commonKk from '../locales/kk/common.json';
import commonUz from '../locales/uz/common.json';

/**
 * The main process shows few words of its own (the menu, native dialogs), taken from the same
 * locale files as the window so a translator edits one place.
 */
export const MAIN_LANGUAGES = ['en', 'ru', 'ka', 'kk', 'uz'] as const;
export type MainLanguage = (typeof MAIN_LANGUAGES)[number];

const MENU = { en: menuEn, ru: menuRu, ka: menuKa, kk: menuKk, uz: menuUz } satisfies Record<MainLanguage, typeof menuEn>;
const STARTUP: Record<MainLanguage, Record<string, string>> = { en: startupEn, ru: startupRu, ka: startupKa, kk: startupKk, uz: startupUz };
const COMMON: Record<MainLanguage, { startup?: { title?: string } }> = { en: commonEn, ru: commonRu, ka: commonKa, kk: commonKk, uz: commonUz };

export type MenuStrings = typeof menuEn;

/** The first of the OS's preferred languages Posy speaks (the window switches per user after sign-in). */
export function pickLanguage(preferred: readonly string[]): MainLanguage {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    const found = MAIN_LANGUAGES.find((l) => l === base);
    if (found) return found;
  }
  return 'en';
}

export function menuStrings(language: MainLanguage): MenuStrings {
  return MENU[language];
}

/** Title, message and what-to-do for a start-up failure, in the given language (English where a key is missing). */
export function startupMessage(language: MainLanguage, error: ApiErrorBody): { title: string; message: string; detail: string } {
  const key = error.messageKey.replace(/^errors:startup\./, '');
  const table = STARTUP[language];
  const message = table[key] ?? STARTUP.en[key] ?? STARTUP.en.dbUnreadable ?? 'Posy could not start.';
  const action = table[`${key}Action`] ?? STARTUP.en[`${key}Action`] ?? '';
  const title = COMMON[language].startup?.title ?? COMMON.en.startup?.title ?? 'Posy';
  const detail = error.params?.detail;
  return { title, message, detail: [action, detail === undefined ? '' : String(detail)].filter(Boolean).join('\n\n') };
}
