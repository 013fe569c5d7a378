import { LANGUAGE_LABELS, LANGUAGES } from '../i18n/languages';

/** The five languages as <option>s, each labelled in its own script (and tagged so it is read in it). */
export function LanguageOptions() {
  return (
    <>
      {LANGUAGES.map((lang) => (
        <option key={lang} value={lang} lang={lang}>
          {LANGUAGE_LABELS[lang]}
        </option>
      ))}
    </>
  );
}
