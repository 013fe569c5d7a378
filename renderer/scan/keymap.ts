/**
 * What a physical key types on a US keyboard, by `KeyboardEvent.code`. Scanners emulate a US
 * keyboard and send key positions; reading positions (not `key`) keeps a code intact when the
 * person at the counter has a Russian or Georgian layout active, where KeyA would type "ф" or "ა".
 */
const SHIFTED_DIGITS = ')!@#$%^&*(';

const PUNCTUATION: Readonly<Record<string, readonly [plain: string, shifted: string]>> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/** The character a key position types on a US layout, or null for keys that type nothing (arrows, F-keys…). */
export function usCharacter(code: string, shift: boolean, capsLock = false): string | null {
  if (code.length === 6 && code.startsWith('Digit')) {
    const d = code.charCodeAt(5) - 48;
    if (d < 0 || d > 9) return null;
    return shift ? (SHIFTED_DIGITS[d] ?? null) : String(d);
  }
  if (code.length === 4 && code.startsWith('Key')) {
    const letter = code[3] ?? '';
    if (letter < 'A' || letter > 'Z') return null;
    return shift !== capsLock ? letter : letter.toLowerCase();
  }
  if (code.length === 7 && code.startsWith('Numpad')) {
    const d = code.charCodeAt(6) - 48;
    return d >= 0 && d <= 9 ? String(d) : null;
  }
  const pair = PUNCTUATION[code];
  return pair ? (shift ? pair[1] : pair[0]) : null;
}

const MODIFIER_CODES = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock', 'NumLock']);

/** Shift and lock keys arrive inside a burst (Shift before each capital) and type nothing themselves. */
export function isModifierCode(code: string): boolean {
  return MODIFIER_CODES.has(code);
}

const TERMINATOR_CODES = new Set(['Enter', 'NumpadEnter', 'Tab']);

export function isTerminator(code: string, key: string): boolean {
  // Some scanners (and synthetic events) leave `code` empty; the Enter/Tab key name is layout-independent.
  return TERMINATOR_CODES.has(code) || (code === '' && (key === 'Enter' || key === 'Tab'));
}
