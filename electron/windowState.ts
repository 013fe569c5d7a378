import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Rectangle } from './electronApi';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the title bar must stay on some screen for the window to count as reachable. */
const VISIBLE_MARGIN = 80;

function isRect(v: unknown): v is Rectangle {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && Math.abs(r[k] as number) < 100_000);
}

/** Reads window-state.json; anything missing, damaged or hand-edited into nonsense means "no saved state". */
export function readWindowState(file: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, maximized } = raw as Record<string, unknown>;
  if (!isRect(bounds)) return null;
  return { bounds, maximized: maximized === true };
}

export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename: a crash mid-write leaves the previous state, never half a file.
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

function overlap(a: Rectangle, b: Rectangle): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: the saved place if it is still reachable on a connected display
 * (a second monitor may be gone since), shrunk to fit that display; otherwise centred on the primary one.
 */
export function placeWindow(saved: WindowState | null, displays: Rectangle[], primary: Rectangle): WindowState {
  const centred = (area: Rectangle): Rectangle => {
    const width = Math.min(DEFAULT_SIZE.width, area.width);
    const height = Math.min(DEFAULT_SIZE.height, area.height);
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
  };
  if (!saved) return { bounds: centred(primary), maximized: false };

  const { bounds } = saved;
  // The display holding the most of the saved title bar.
  const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(40, bounds.height) };
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of displays) {
    const o = overlap(titleBar, area);
    if (o.w >= Math.min(VISIBLE_MARGIN, bounds.width) && o.h > 0 && o.w * o.h > bestArea) {
      best = area;
      bestArea = o.w * o.h;
    }
  }
  if (!best) return { bounds: centred(primary), maximized: saved.maximized };

  const width = Math.max(Math.min(bounds.width, best.width), Math.min(MIN_SIZE.width, best.width));
  const height = Math.max(Math.min(bounds.height, best.height), Math.min(MIN_SIZE.height, best.height));
  const x = Math.min(Math.max(bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(bounds.y, best.y), best.y + best.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}
