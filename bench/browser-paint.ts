import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..');
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');
const SERVER = join(ROOT, 'dist', 'server', 'cli.mjs');
const CHROMIUM = process.env.POSY_CHROMIUM ?? '/usr/bin/chromium';
/** The sign-in screen has painted once a user tile of the quick picker is visible. */
const SIGN_IN_READY = '[data-testid="user-tile"]';

/** runs: start to painted; serverReady: start to the server printing its URL (the backend is up). */
export type PaintResult = { runs: number[]; serverReady: number[] } | { skipped: string };

/** The browser-mode server as `npm start` runs it once built: dist/server/cli.mjs on a free port. */
function startServer(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, POSY_DATA_DIR: dataDir, POSY_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /running in browser mode: (\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => reject(new Error(`browser-mode server exited (${code}) before printing its URL: ${stderr.slice(0, 500)}`)));
  });
  return { child, url };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * From spawning the browser-mode server to the sign-in screen painted in Chromium, `count` times.
 * Chromium is launched once beforehand (a person's browser is already running); each run gets a
 * fresh browser context, so nothing is served from a previous run's cache.
 */
export async function measureBrowserPaint(dataDir: string, count: number): Promise<PaintResult> {
  if (!existsSync(RENDERER)) return { skipped: 'dist/renderer/index.html is missing: run `npm run build` first' };
  if (!existsSync(SERVER)) return { skipped: 'dist/server/cli.mjs is missing: run `npm run build` first' };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (set POSY_CHROMIUM)` };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM });
  const runs: number[] = [];
  const serverReady: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = performance.now();
      const server = startServer(dataDir);
      try {
        const url = await server.url;
        serverReady.push(performance.now() - start);
        await page.goto(url);
        await page.locator(SIGN_IN_READY).first().waitFor({ state: 'visible', timeout: 15_000 });
        // two animation frames: the frame holding the tiles has been produced, not just laid out
        await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
        runs.push(performance.now() - start);
      } finally {
        await context.close();
        await stop(server.child);
      }
    }
  } finally {
    await browser.close();
  }
  return { runs, serverReady };
}
