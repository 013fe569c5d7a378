import { LANGUAGES, type Language } from '../api/schemas';
import { COLOUR_NAMES, type ColourCode } from '../catalog/colours';

/** A name in every language Posy speaks: the demo and benchmark data never leave one out. */
export type Names = Readonly<Record<Language, string>>;

/** Russian adjectives agree with the noun's gender ("роза красная", "тюльпан красный"); the other four languages don't inflect them. */
export type RuGender = 'f' | 'm';

export function mapNames(fn: (lang: Language) => string): Names {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, fn(lang)])) as Record<Language, string>;
}

/** Joins words per language with spaces, the way a florist's price list reads: noun, variety, colour, length. */
export function compose(parts: ReadonlyArray<Names | string | null | undefined>): Names {
  return mapNames((lang) =>
    parts
      .filter((p): p is Names | string => p !== null && p !== undefined && p !== '')
      .map((p) => (typeof p === 'string' ? p : p[lang]))
      .join(' '),
  );
}

/** Russian feminine of a masculine colour adjective: красный → красная, синий → синяя; "микс" stays. */
function ruFeminine(masculine: string): string {
  if (masculine.endsWith('ий')) return `${masculine.slice(0, -2)}яя`;
  if (masculine.endsWith('ый') || masculine.endsWith('ой')) return `${masculine.slice(0, -2)}ая`;
  return masculine;
}

/**
 * A colour as a word inside a product name: the shop's own colour names (locales/<lang>/colours.json,
 * the same words search_text holds), in lower case, agreeing with the noun in Russian.
 */
export function colourNames(colour: ColourCode, ruGender: RuGender): Names {
  return mapNames((lang) => {
    const word = COLOUR_NAMES[lang][colour].toLocaleLowerCase(lang);
    return lang === 'ru' && ruGender === 'f' ? ruFeminine(word) : word;
  });
}

const CM: Names = { en: 'cm', ru: 'см', ka: 'სმ', kk: 'см', uz: 'sm' };

export function lengthNames(cm: number): Names {
  return mapNames((lang) => `${cm} ${CM[lang]}`);
}
