import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeKey, type WedgeVerdict } from '../../renderer/scan/wedge';
import { usCharacter } from '../../renderer/scan/keymap';

// What a scanner's US-keyboard emulation presses for each character: the key position and Shift.
function keyFor(ch: string): { code: string; shift: boolean } {
  if (/[0-9]/.test(ch)) return { code: `Digit${ch}`, shift: false };
  if (/[a-z]/.test(ch)) return { code: `Key${ch.toUpperCase()}`, shift: false };
  if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, shift: true };
  const table: Record<string, { code: string; shift: boolean }> = {
    '-': { code: 'Minus', shift: false },
    '.': { code: 'Period', shift: false },
    '/': { code: 'Slash', shift: false },
    ' ': { code: 'Space', shift: false },
    '$': { code: 'Digit4', shift: true },
    '%': { code: 'Digit5', shift: true },
    '+': { code: 'Equal', shift: true },
  };
  const k = table[ch];
  if (!k) throw new Error(`no key for ${ch}`);
  return k;
}

// What `key` reports for a key position under a non-US layout (the value a naive reader would use).
const RUSSIAN: Record<string, string> = { KeyA: 'ф', KeyB: 'и', KeyC: 'с', KeyD: 'в', KeyE: 'у', KeyF: 'а', KeyP: 'з', KeyS: 'ы', KeyT: 'е', KeyO: 'щ', KeyR: 'к', KeyY: 'н', Slash: '.', Period: 'ю', Minus: '-' };
const GEORGIAN: Record<string, string> = { KeyA: 'ა', KeyB: 'ბ', KeyC: 'ც', KeyD: 'დ', KeyE: 'ე', KeyF: 'ფ', KeyP: 'პ', KeyS: 'ს', KeyT: 'ტ', KeyO: 'ო', KeyR: 'რ', KeyY: 'ყ' };

interface BurstOptions {
  start?: number;
  /** ms between consecutive key presses (a scanner: 2–20). */
  gap?: number;
  layout?: Record<string, string>;
  terminator?: 'Enter' | 'NumpadEnter' | 'Tab' | null;
  /** Send ShiftLeft keydown before shifted characters, as real scanners do. */
  pressShift?: boolean;
}

/** The keydown events a scanner (or a person, with a large gap) produces for `text`. */
function keys(text: string, o: BurstOptions = {}): WedgeKey[] {
  const gap = o.gap ?? 8;
  let t = o.start ?? 1000;
  const out: WedgeKey[] = [];
  for (const ch of text) {
    const { code, shift } = keyFor(ch);
    if (shift && o.pressShift !== false) {
      out.push({ code: 'ShiftLeft', key: 'Shift', shiftKey: true, timeStamp: t });
      t += Math.max(1, Math.floor(gap / 2));
    }
    const key = o.layout?.[code] ?? ch;
    out.push({ code, key: shift && o.layout?.[code] ? key.toUpperCase() : key, shiftKey: shift, timeStamp: t });
    t += gap;
  }
  const terminator = o.terminator === undefined ? 'Enter' : o.terminator;
  if (terminator) out.push({ code: terminator, key: terminator === 'Tab' ? 'Tab' : 'Enter', shiftKey: false, timeStamp: t });
  return out;
}

function run(events: WedgeKey[], detector = new WedgeDetector()): WedgeVerdict[] {
  return events.map((e) => detector.feed(e));
}

function scans(verdicts: WedgeVerdict[]): string[] {
  return verdicts.flatMap((v) => (v.kind === 'scan' ? [v.code] : []));
}

describe('keymap', () => {
  it('maps physical keys to what they type on a US keyboard', () => {
    expect(usCharacter('Digit7', false)).toBe('7');
    expect(usCharacter('Digit7', true)).toBe('&');
    expect(usCharacter('KeyQ', false)).toBe('q');
    expect(usCharacter('KeyQ', true)).toBe('Q');
    expect(usCharacter('KeyQ', false, true)).toBe('Q');
    expect(usCharacter('KeyQ', true, true)).toBe('q');
    expect(usCharacter('Numpad3', false)).toBe('3');
    expect(usCharacter('Slash', true)).toBe('?');
    expect(usCharacter('ArrowUp', false)).toBeNull();
    expect(usCharacter('F3', false)).toBeNull();
    expect(usCharacter('NumpadEnter', false)).toBeNull();
  });
});

describe('WedgeDetector', () => {
  it('reads an EAN-13 burst ending in Enter as one scan', () => {
    const v = run(keys('4006381333931'));
    expect(scans(v)).toEqual(['4006381333931']);
    const last = v[v.length - 1];
    expect(last).toEqual({ kind: 'scan', code: '4006381333931', length: 13, startedAt: 1000 });
    // The first character is where the burst began: the hook snapshots the field there.
    expect(v[0]).toEqual({ kind: 'char', char: '4', startsBurst: true });
    expect(v.slice(1, -1).every((x) => x.kind === 'char' && !x.startsBurst)).toBe(true);
  });

  it('accepts Tab and NumpadEnter as terminators, and numpad digits', () => {
    expect(scans(run(keys('12345678', { terminator: 'Tab' })))).toEqual(['12345678']);
    expect(scans(run(keys('12345678', { terminator: 'NumpadEnter' })))).toEqual(['12345678']);
    const numpad = '96385074'.split('').map((d, i) => ({ code: `Numpad${d}`, key: d, shiftKey: false, timeStamp: 50 + i * 5 }));
    expect(scans(run([...numpad, { code: 'NumpadEnter', key: 'Enter', shiftKey: false, timeStamp: 95 }]))).toEqual(['96385074']);
  });

  it('treats human typing (80–250 ms between keys) as typing, even ending in Enter', () => {
    const human = [0, 140, 95, 210, 120, 180, 88, 250, 130].map((d) => d);
    let t = 5000;
    const events: WedgeKey[] = '4006381333'.split('').map((ch, i) => {
      t += human[i % human.length] ?? 100;
      return { code: `Digit${ch}`, key: ch, shiftKey: false, timeStamp: t };
    });
    events.push({ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: t + 160 });
    const v = run(events);
    expect(scans(v)).toEqual([]);
    expect(v[v.length - 1]).toEqual({ kind: 'key' });
  });

  it('does not take a fast typist’s short roll (3 keys, then Enter) for a scan', () => {
    expect(scans(run(keys('abc', { gap: 20 })))).toEqual([]);
  });

  it('reads the code from key positions while a Russian layout is active', () => {
    // An in-shop Code 128 "PSY-ABC" typed by a scanner into a Russian-layout keyboard: `key` says "ЗЫН-ФИС".
    const events = keys('PSY-ABC', { layout: RUSSIAN });
    expect(events.map((e) => e.key).join('')).toContain('З');
    expect(scans(run(events))).toEqual(['PSY-ABC']);
    expect(scans(run(keys('4870001234563', { layout: RUSSIAN })))).toEqual(['4870001234563']);
  });

  it('reads the code from key positions while a Georgian layout is active', () => {
    const events = keys('posy-test', { layout: GEORGIAN });
    expect(events.some((e) => e.key === 'პ')).toBe(true);
    expect(scans(run(events))).toEqual(['posy-test']);
  });

  it('reads Code 128 capitals and symbols sent with Shift (Shift presses inside the burst keep it alive)', () => {
    expect(scans(run(keys('AB-12/X$%+', { gap: 30 })))).toEqual(['AB-12/X$%+']);
    // Without separate Shift keydowns (some scanners hold Shift via the modifier flag only).
    expect(scans(run(keys('Code128.Test', { pressShift: false })))).toEqual(['Code128.Test']);
  });

  it('honours CapsLock on letters', () => {
    const events = keys('abcd').map((e) => ({ ...e, capsLock: true }));
    expect(scans(run(events))).toEqual(['ABCD']);
  });

  it('a pause splits a burst: only the part after the pause can be the scan', () => {
    // 6 fast keys, a 300 ms pause, 3 fast keys, Enter: the tail is too short to be a code.
    const first = keys('123456', { terminator: null, start: 0, gap: 8 });
    const second = keys('789', { start: 48 + 300, gap: 8 });
    const v = run([...first, ...second]);
    expect(scans(v)).toEqual([]);
    expect(v[6]).toEqual({ kind: 'char', char: '7', startsBurst: true });

    // A pause before a full burst: the person's keys stay typing, the burst after it is the scan.
    const typed = keys('ab', { terminator: null, start: 0, gap: 150 });
    const burst = keys('12345678', { start: 2000 });
    expect(scans(run([...typed, ...burst]))).toEqual(['12345678']);
  });

  it('a pause before the terminator means the Enter was pressed by a person', () => {
    const events = keys('12345678', { terminator: null, start: 0 });
    events.push({ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: 64 + 400 });
    expect(scans(run(events))).toEqual([]);
  });

  it('respects a configured gap and minimum length', () => {
    const slowScanner = keys('12345678', { gap: 50 });
    expect(scans(run(slowScanner))).toEqual([]);
    expect(scans(run(slowScanner, new WedgeDetector({ maxGapMs: 60 })))).toEqual(['12345678']);
    expect(scans(run(keys('123456'), new WedgeDetector({ minLength: 8 })))).toEqual([]);
  });

  it('ignores shortcuts, held-down keys and non-typing keys inside a burst', () => {
    const withCtrl = keys('12345678');
    withCtrl[3] = { ...withCtrl[3]!, ctrlKey: true };
    expect(scans(run(withCtrl))).toEqual([]);

    const held = keys('1111111', { gap: 33 }).map((e, i) => (i > 0 && e.code !== 'Enter' ? { ...e, repeat: true } : e));
    expect(scans(run(held))).toEqual([]);

    const arrow = keys('12345678');
    arrow.splice(4, 0, { code: 'ArrowLeft', key: 'ArrowLeft', shiftKey: false, timeStamp: arrow[3]!.timeStamp + 1 });
    expect(scans(run(arrow))).toEqual([]);

    // After a pause, the next burst is judged on its own.
    const d = new WedgeDetector();
    run(arrow, d);
    expect(scans(run(keys('87654321', { start: 5000 }), d))).toEqual(['87654321']);
  });

  it('refuses bursts longer than maxLength rather than keeping their tail', () => {
    expect(scans(run(keys('1'.repeat(70))))).toEqual([]);
    expect(scans(run(keys('1'.repeat(64))))).toEqual(['1'.repeat(64)]);
  });

  it('falls back to `key` when the event carries no physical code', () => {
    const events = keys('ABC123').map((e) => ({ ...e, code: e.code === 'Enter' ? 'Enter' : '' }));
    expect(scans(run(events.filter((e) => e.key !== 'ShiftLeft' && e.key !== 'Shift')))).toEqual(['ABC123']);
  });

  it('reads consecutive scans and recovers after reset()', () => {
    const d = new WedgeDetector();
    const first = keys('11112222', { start: 0 });
    const second = keys('33334444', { start: 1000 });
    expect(scans(run([...first, ...second], d))).toEqual(['11112222', '33334444']);
    run(keys('5555', { start: 3000, terminator: null }), d);
    d.reset();
    expect(d.feed({ code: 'Enter', key: 'Enter', shiftKey: false, timeStamp: 3033 })).toEqual({ kind: 'key' });
  });
});
