import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { buildResources, namespacesOf } from './resources';
import { isLanguage, LANGUAGES, type Language } from './languages';

// Bundled at build time: no locale file is fetched at run time (the app works offline and from file://).
const modules = import.meta.glob(['../../locales/*/*.json', '../../locales/*/errors/*.json'], { eager: true });
export const resources = buildResources(modules);

const DEVICE_LANGUAGE_KEY = 'posy.language';

/** The language this device last used, for the screens before anyone signs in. */
export function deviceLanguage(): Language {
  try {
    const stored = localStorage.getItem(DEVICE_LANGUAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // storage blocked: fall through to the browser's preference
  }
  for (const preferred of navigator.languages ?? []) {
    const base = preferred.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

function rememberDeviceLanguage(language: Language): void {
  try {
    localStorage.setItem(DEVICE_LANGUAGE_KEY, language);
  } catch {
    // not fatal: the next start simply asks again
  }
}

export const i18n = i18next.createInstance();

export async function initI18n(language: Language = deviceLanguage()): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: namespacesOf(resources),
    defaultNS: 'common',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  applyDocumentLanguage(language);
  return i18n;
}

function applyDocumentLanguage(language: Language): void {
  // lang drives hyphenation, screen readers and font choice for the whole page.
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** Switches the UI language at once (no reload) and remembers it as this device's choice. */
export async function changeLanguage(language: Language): Promise<void> {
  rememberDeviceLanguage(language);
  if (i18n.language !== language) await i18n.changeLanguage(language);
  applyDocumentLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'en';
}
