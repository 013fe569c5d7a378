import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow, readWindowState, writeWindowState } from '../../electron/windowState';
import { pickLanguage, startupMessage } from '../../electron/strings';
import { tempDir } from '../helpers/tempBackend';

const primary = { x: 0, y: 0, width: 1920, height: 1040 };
const right = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window state', () => {
  it('centres a first window on the primary display', () => {
    expect(placeWindow(null, [primary], primary)).toEqual({
      bounds: { x: (1920 - DEFAULT_SIZE.width) / 2, y: (1040 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE },
      maximized: false,
    });
  });

  it('reopens where it was when that place is still on a display', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: true };
    expect(placeWindow(saved, [primary, right], primary)).toEqual(saved);
  });

  it('comes back to the primary display when the second monitor is gone', () => {
    const saved = { bounds: { x: 2000, y: 50, width: 1000, height: 700 }, maximized: false };
    const placed = placeWindow(saved, [primary], primary);
    expect(placed.bounds.x).toBeGreaterThanOrEqual(0);
    expect(placed.bounds.x + placed.bounds.width).toBeLessThanOrEqual(1920);
  });

  it('shrinks and pulls back a window larger than, or hanging off, its display', () => {
    const saved = { bounds: { x: 1800, y: -20, width: 3000, height: 2000 }, maximized: false };
    const { bounds } = placeWindow(saved, [primary], primary);
    expect(bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('reads back what it wrote and ignores damaged or nonsensical files', () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'window-state.json');
      expect(readWindowState(file)).toBeNull();
      writeWindowState(file, { bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: true });
      expect(readWindowState(file)).toEqual({ bounds: { x: 1, y: 2, width: 900, height: 600 }, maximized: true });
      for (const junk of ['{', 'null', '{"bounds":{"x":"1","y":2,"width":3,"height":4}}', '{"bounds":{"x":1e309,"y":2,"width":3,"height":4}}']) {
        writeFileSync(file, junk);
        expect(readWindowState(file), junk).toBeNull();
      }
    } finally {
      tmp.dispose();
    }
  });
});

describe('main-process strings', () => {
  it('picks the first language Posy speaks from the OS preferences', () => {
    expect(pickLanguage(['de-DE', 'ka-GE', 'en'])).toBe('ka');
    expect(pickLanguage(['uz-Latn-UZ'])).toBe('uz');
    expect(pickLanguage(['fr'])).toBe('en');
  });

  it('says a start-up failure in the chosen language, with what to do and the detail', () => {
    const text = startupMessage('ru', { code: 'startup_failed', messageKey: 'errors:startup.dbTooNew', params: { detail: 'v9' } });
    expect(text.message).toMatch(/[а-яё]/i);
    expect(text.detail).toContain('v9');
    expect(text.detail.length).toBeGreaterThan('v9'.length);
  });
});
