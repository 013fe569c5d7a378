/** Symbols shown beside text; kept out of JSX text so the untranslated-string lint reads only words. */
export const LOCK = '🔒';
