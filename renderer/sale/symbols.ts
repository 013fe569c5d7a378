/** Key names and signs shown on buttons; kept out of JSX text so the untranslated-string lint reads only words. */
export const ENTER = '↵';
export const ESC = 'Esc';
export const ELLIPSIS = '…';
export const MINUS = '−';
