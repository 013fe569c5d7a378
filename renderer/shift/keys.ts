/**
 * Screen shortcuts for the shift, journal and return screens. F1–F9 belong to the navigation, and a
 * plain letter may be the first key of a scanner burst, so a screen action is Alt + a letter, read by
 * physical key (`e.code`): a Russian or Georgian layout gives the same key as an English one.
 */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/** The letter of an Alt+letter press ('X' for Alt+X), or null for anything else. */
export function altLetter(e: KeyLike): string | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^Key([A-Z])$/.exec(e.code);
  return m?.[1] ?? null;
}

/** How a shortcut is written on its button. */
export function shortcutLabel(letter: string): string {
  return `Alt+${letter}`;
}

export function isPlain(e: KeyLike): boolean {
  return !e.ctrlKey && !e.altKey && !e.metaKey;
}

/** Whether keys typed now go into a field (so arrows and Enter are the field's, not the screen's). */
export function isTextField(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined') return false;
  return (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)) ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}
