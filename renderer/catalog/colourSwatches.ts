import type { ColourCode } from './types';

/**
 * How each catalog colour is drawn. Display only: the list of colours and their names belong to the
 * catalog (catalog.options, locales/<lang>/colours.json). Unknown codes draw as neutral grey.
 */
const SWATCH: Readonly<Record<string, string>> = {
  white: '#ffffff',
  cream: '#f6ecd0',
  yellow: '#f7d23e',
  orange: '#f28c28',
  peach: '#f9c4a0',
  coral: '#f26f5e',
  pink: '#f2a2c0',
  red: '#d7263d',
  burgundy: '#7b1e3a',
  lilac: '#c8a2d8',
  purple: '#6a3d9a',
  blue: '#3a6fd8',
  green: '#3d9b4a',
  black: '#1d1d1d',
  bicolour: 'linear-gradient(135deg, #d7263d 0 50%, #ffffff 50% 100%)',
  mixed: 'conic-gradient(#f7d23e 0 25%, #d7263d 0 50%, #6a3d9a 0 75%, #f2a2c0 0)',
};

export function swatchBackground(colour: ColourCode | string): string {
  return SWATCH[colour] ?? '#9e9e9e';
}
