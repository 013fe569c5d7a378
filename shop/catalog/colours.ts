import en from '../../locales/en/colours.json' with { type: 'json' };
import ru from '../../locales/ru/colours.json' with { type: 'json' };
import ka from '../../locales/ka/colours.json' with { type: 'json' };
import kk from '../../locales/kk/colours.json' with { type: 'json' };
import uz from '../../locales/uz/colours.json' with { type: 'json' };
import type { Language } from '../api/schemas';

/**
 * The fixed colour list. Products store the code; the renderer shows the name from
 * locales/<lang>/colours.json, and search_text holds the names in every language, so a
 * Georgian cashier typing "წითელ" finds the rose the owner entered in English as red.
 */
export const COLOURS = [
  'white',
  'cream',
  'yellow',
  'orange',
  'peach',
  'coral',
  'pink',
  'red',
  'burgundy',
  'lilac',
  'purple',
  'blue',
  'green',
  'black',
  'bicolour',
  'mixed',
] as const;
export type ColourCode = (typeof COLOURS)[number];

export const COLOUR_NAMES: Record<Language, Record<ColourCode, string>> = { en, ru, ka, kk, uz };

/** The colour's name in all five languages, for search_text. */
export function colourNamesEverywhere(code: ColourCode): string[] {
  return Object.values(COLOUR_NAMES).map((names) => names[code]);
}
