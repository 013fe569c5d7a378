/**
 * The sale screen's keys. Function keys F1–F9 belong to the navigation and the user switch; Ctrl+R,
 * Ctrl+L, Ctrl+N, Ctrl+T and Ctrl+W to Electron's menu or the browser; Alt+letter to menu mnemonics.
 * What is left: single keys a cashier finds blind (+ − * Del /), Ctrl+letter, and Alt+digit for tiles.
 */
export const KEYS = {
  search: '/',
  plus: '+',
  minus: '−',
  quantity: '*',
  remove: 'Del',
  price: 'Ctrl+P',
  lineDiscount: 'Ctrl+D',
  saleDiscount: 'Ctrl+Shift+D',
  client: 'Ctrl+K',
  park: 'Ctrl+S',
  resume: 'Ctrl+O',
  pay: 'Ctrl+↵',
  clear: 'Ctrl+Del',
  bouquet: 'Ctrl+B',
  editTiles: 'Alt+0',
} as const;

export type ShortcutAction = Exclude<keyof typeof KEYS, 'search'> | 'search' | 'up' | 'down' | 'escape' | { tile: number };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export interface KeyContext {
  /** Focus is in a text field other than the product search (a quantity, a dialog). */
  typing: boolean;
  /** Focus is in the product search box. */
  inSearch: boolean;
  /** The product search box holds nothing. */
  searchEmpty: boolean;
  /** The key came within a scanner burst (a few ms after the previous one): never a single-key shortcut. */
  inBurst: boolean;
}

const CTRL_LETTERS: Readonly<Record<string, ShortcutAction>> = {
  KeyP: 'price',
  KeyD: 'lineDiscount',
  KeyK: 'client',
  KeyS: 'park',
  KeyO: 'resume',
  KeyB: 'bouquet',
};

/** The action a key press asks for on the sale screen, or null to let it do what it does. */
export function matchShortcut(e: KeyLike, at: KeyContext): ShortcutAction | null {
  if (e.metaKey) return null;
  const ctrl = e.ctrlKey && !e.altKey;
  if (ctrl) {
    if (e.code === 'KeyD' && e.shiftKey) return 'saleDiscount';
    if (e.shiftKey) return null;
    if (e.key === 'Enter' || e.code === 'Enter' || e.code === 'NumpadEnter') return 'pay';
    if (e.key === 'Delete' || e.code === 'Delete') return 'clear';
    return CTRL_LETTERS[e.code] ?? null;
  }
  if (e.altKey && !e.ctrlKey && !e.shiftKey) {
    const m = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
    if (!m) return null;
    const n = Number(m[1]);
    return n === 0 ? 'editTiles' : { tile: n };
  }
  if (e.ctrlKey || e.altKey || at.typing) return null;

  if (e.key === 'ArrowUp') return 'up';
  if (e.key === 'ArrowDown') return 'down';
  if (e.key === 'Escape') return 'escape';
  if (e.key === 'Enter' && at.searchEmpty) return 'pay';
  if (at.inBurst) return null;
  // Typed into the search these would be part of a name; with the search empty they are the cashier's keys.
  const free = !at.inSearch || at.searchEmpty;
  if (e.code === 'NumpadAdd' || (e.key === '+' && free)) return 'plus';
  if (e.code === 'NumpadSubtract' || (e.key === '-' && free)) return 'minus';
  if (e.code === 'NumpadMultiply' || (e.key === '*' && free)) return 'quantity';
  if (e.key === 'Delete' && free) return 'remove';
  if (e.key === '/' && !at.inSearch) return 'search';
  return null;
}

/** Shortcut text for a tile's button: Alt+1 … Alt+9 for the first nine. */
export function tileKey(index: number): string | null {
  return index < 9 ? `Alt+${index + 1}` : null;
}
