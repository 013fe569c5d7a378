import { isModifierCode, isTerminator, usCharacter } from './keymap';

/**
 * Tells a keyboard-wedge scanner from a person. A scanner "types" its code as a burst of key
 * presses a few milliseconds apart and ends it with Enter (or Tab); people are ten times slower.
 * The detector is a pure state machine over keydown events, free of the DOM, so it runs in tests
 * exactly as in the app; useWedgeScanner wires it to the window.
 */

/** The part of a KeyboardEvent the detector reads (a real KeyboardEvent fits). */
export interface WedgeKey {
  code: string;
  key: string;
  shiftKey: boolean;
  timeStamp: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  /** CapsLock state, when known (KeyboardEvent.getModifierState('CapsLock')). */
  capsLock?: boolean;
}

export interface WedgeOptions {
  /** Longest gap between two keys of one burst, in ms. Scanners send a key every 1–20 ms. */
  maxGapMs?: number;
  /** Fewest characters that make a scan (EAN-8 has 8; short in-shop codes are still ≥ 4). */
  minLength?: number;
  /** Longest code accepted; longer bursts are a stuck key or a paste, not a barcode. */
  maxLength?: number;
}

export type WedgeVerdict =
  /** The key is not part of a possible burst (or ended one that was too slow or short): let it through. */
  | { kind: 'key' }
  /**
   * The key types a character that may belong to a burst. `startsBurst` marks the first character
   * of a new candidate burst: the moment to remember what the focused field held before it.
   */
  | { kind: 'char'; char: string; startsBurst: boolean }
  /** A completed scan: the key is its terminator (swallow it); `length` characters were typed. */
  | { kind: 'scan'; code: string; length: number; startedAt: number };

export const DEFAULT_MAX_GAP_MS = 35;
export const DEFAULT_MIN_LENGTH = 4;
export const DEFAULT_MAX_LENGTH = 64;

export class WedgeDetector {
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly maxLength: number;
  private buffer = '';
  private startedAt = 0;
  /** Time of the last key of the current candidate burst, including Shift presses inside it. */
  private lastAt = Number.NEGATIVE_INFINITY;
  /**
   * The current burst ran past maxLength or was broken by a key a scanner never sends (an arrow,
   * a shortcut, a held key): whatever ends it is not a barcode, until a pause starts a new one.
   */
  private spoiled = false;

  constructor(options: WedgeOptions = {}) {
    this.maxGapMs = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
    this.minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  }

  /** Forget any burst in progress (focus moved, window blurred). */
  reset(): void {
    this.buffer = '';
    this.spoiled = false;
    this.lastAt = Number.NEGATIVE_INFINITY;
  }

  /** Feed every keydown, in order. */
  feed(e: WedgeKey): WedgeVerdict {
    const gap = e.timeStamp - this.lastAt;
    const inTime = gap >= 0 && gap <= this.maxGapMs;

    if (isTerminator(e.code, e.key)) {
      const code = this.buffer;
      const burst =
        inTime && !this.spoiled && code.length >= this.minLength && !e.ctrlKey && !e.altKey && !e.metaKey;
      const startedAt = this.startedAt;
      this.reset();
      return burst ? { kind: 'scan', code, length: code.length, startedAt } : { kind: 'key' };
    }

    if (isModifierCode(e.code)) {
      // A scanner presses Shift before each capital; that press keeps the burst's rhythm going.
      if (this.buffer !== '' && inTime) this.lastAt = e.timeStamp;
      return { kind: 'key' };
    }

    // Shortcuts and held-down keys are never part of a scan.
    const char = e.ctrlKey || e.altKey || e.metaKey || e.repeat ? null : this.characterOf(e);
    if (char === null) {
      if (this.buffer !== '' && inTime) {
        this.spoiled = true;
        this.lastAt = e.timeStamp;
      } else {
        this.reset();
      }
      return { kind: 'key' };
    }

    const startsBurst = this.buffer === '' || !inTime;
    if (startsBurst) {
      this.buffer = char;
      this.spoiled = false;
      this.startedAt = e.timeStamp;
    } else if (this.buffer.length < this.maxLength) {
      this.buffer += char;
    } else {
      this.spoiled = true;
    }
    this.lastAt = e.timeStamp;
    return { kind: 'char', char, startsBurst };
  }

  private characterOf(e: WedgeKey): string | null {
    if (e.code !== '') return usCharacter(e.code, e.shiftKey, e.capsLock ?? false);
    // No physical code (some virtual keyboards and HID-POS bridges): a printable ASCII key is the best we have.
    return e.key.length === 1 && e.key >= ' ' && e.key <= '~' ? e.key : null;
  }
}
