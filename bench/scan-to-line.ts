import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Input, Method, Output } from '../shop/api/contract';
import { demoUser } from '../shop/demo/seed';
import { median, p95, type Figure } from './stats';

/**
 * The figure "scan to line on screen": in real Chromium against the built browser-mode app,
 * a keyboard-wedge burst (an EAN-13 typed key by key through CDP, 4 ms apart as a wired scanner does,
 * then Enter) until the new sale line (product name, quantity) is painted; its price follows with the
 * answer to sales.quote and is reported beside it. Timed inside the page from the scanner's Enter
 * (the code is complete: the burst itself is the scanner's own speed) to the frame holding the line.
 */

interface Timing {
  firstAt: number;
  enterAt: number;
  linePaintedAt: number;
  pricedPaintedAt: number;
}


const ROOT = join(import.meta.dirname, '..');
const RENDERER = join(ROOT, 'dist', 'renderer', 'index.html');
const SERVER = join(ROOT, 'dist', 'server', 'cli.mjs');
const CHROMIUM = process.env.POSY_CHROMIUM ?? '/usr/bin/chromium';
/** Lines per sale; the sale is cleared after each round. Every scan is of a product not scanned before. */
const PER_SALE = 25;
const ROUNDS = 5;
const WARM_UP = 5;
const KEY_GAP_MS = 4;
const TARGET_MS = 50;

function startServer(dataDir: string): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, [SERVER], {
    cwd: ROOT,
    env: { ...process.env, POSY_DATA_DIR: dataDir, POSY_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /running in browser mode: (\S+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => reject(new Error(`browser-mode server exited (${code}): ${stderr.slice(0, 500)}`)));
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

/** The owner's second window onto the server, as the e2e tests prepare data. */
function apiWindow(url: string) {
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  const clientId = randomUUID();
  return async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const response = await fetch(new URL(`/api/${method}`, parsed.origin), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'X-Posy-Client': clientId, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as { ok: true; value: Output<M> } | { ok: false; error: unknown };
    if (!result.ok) throw new Error(`${method} refused: ${JSON.stringify(result.error)}`);
    return result.value;
  };
}

/**
 * Installed before the app's own scripts, so the Enter is timed before the wedge listener swallows it.
 * "Painted" is a requestAnimationFrame after the change and then a task: the frame holding it has been produced.
 */
const PAGE_TIMING = `
  window.__scan = { armed: false, firstAt: 0, enterAt: 0 };
  window.addEventListener('keydown', (e) => {
    const s = window.__scan;
    if (s.armed) { s.firstAt = performance.now(); s.armed = false; }
    if (e.key === 'Enter') s.enterAt = performance.now();
  }, true);
  window.__afterPaint = (cb) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => cb(performance.now());
    channel.port2.postMessage(0);
  });
  window.__waitLine = (productId) => new Promise((resolve) => {
    const line = '[data-testid="sale-line"][data-product-id="' + productId + '"]';
    const priced = line + ' [data-testid="line-total"]';
    let linePaintedAt = 0;
    let seenLine = false;
    const check = () => {
      if (!seenLine && document.querySelector(line)) {
        seenLine = true;
        window.__afterPaint((t) => { linePaintedAt = t; });
      }
      if (document.querySelector(priced)) {
        observer.disconnect();
        window.__afterPaint((t) => resolve({ firstAt: window.__scan.firstAt, enterAt: window.__scan.enterAt, linePaintedAt: linePaintedAt || t, pricedPaintedAt: t }));
        return true;
      }
      return false;
    };
    const observer = new MutationObserver(check);
    if (!check()) observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
`;

export async function benchScanToLine(dir?: string): Promise<Figure[]> {
  const name = `scan to line on screen: scanner's Enter to the new sale line painted in Chromium (p95 of ${PER_SALE * ROUNDS})`;
  const skipped = (why: string): Figure[] => [{ name, value: null, unit: 'ms', target: TARGET_MS, note: `skipped: ${why}` }];
  if (!existsSync(RENDERER) || !existsSync(SERVER)) return skipped('dist/ is missing: run `npm run build` first');
  if (!existsSync(CHROMIUM)) return skipped(`no Chromium at ${CHROMIUM} (set POSY_CHROMIUM)`);

  const base = dir ?? mkdtempSync(join(tmpdir(), 'posy-scan-bench-'));
  const dataDir = join(base, 'scan-to-line');
  mkdirSync(dataDir, { recursive: true });
  const { chromium } = await import('playwright-core');
  const server = startServer(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const url = await server.url;
    const call = apiWindow(url);
    const owner = demoUser('owner');
    const cashier = demoUser('cashier');
    await call('shops.setup', { mode: 'demo', language: 'en' });
    const users = await call('users.picker', {});
    const ownerId = users.find((u) => u.name === owner.names.en)?.id ?? '';
    await call('users.signIn', { userId: ownerId, secret: owner.password ?? '' });
    await call('shifts.open', { openingFloat: 0 });
    const wanted = WARM_UP + PER_SALE * ROUNDS;
    const found = await call('catalog.search', { lang: 'en', limit: wanted });
    const products: { id: string; code: string }[] = [];
    for (const item of found.items) {
      const { code } = await call('catalog.newInternalBarcode', {});
      await call('catalog.addBarcode', { id: item.id, code });
      products.push({ id: item.id, code });
    }
    if (products.length < wanted) throw new Error('the demo catalogue is too small for the scan bench');

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(PAGE_TIMING);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('user-tile').filter({ hasText: cashier.names.en }).click();
    await page.getByTestId('pin-input').pressSequentially(cashier.pin ?? '');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('sale-search').waitFor({ state: 'visible' });

    const cdp = await context.newCDPSession(page);
    let clock = Date.now() / 1000;
    const key = (type: 'keyDown' | 'keyUp', params: Record<string, unknown>) => {
      clock += KEY_GAP_MS / 1000;
      return cdp.send('Input.dispatchKeyEvent', { type, modifiers: 0, timestamp: clock, ...params });
    };
    const burst = async (code: string) => {
      clock = Date.now() / 1000;
      for (const ch of code) {
        await key('keyDown', { code: `Digit${ch}`, key: ch, text: ch, unmodifiedText: ch, windowsVirtualKeyCode: ch.charCodeAt(0) });
        await key('keyUp', { code: `Digit${ch}`, key: ch, windowsVirtualKeyCode: ch.charCodeAt(0) });
      }
      await key('keyDown', { code: 'Enter', key: 'Enter', text: '\r', windowsVirtualKeyCode: 13 });
      await key('keyUp', { code: 'Enter', key: 'Enter', windowsVirtualKeyCode: 13 });
    };

    const enterToLine: number[] = [];
    const enterToPriced: number[] = [];
    const burstMs: number[] = [];
    for (let round = 0; round < ROUNDS + 1; round++) {
      // Round 0 warms the page up; then each round is a sale of PER_SALE products never scanned before.
      const list = round === 0 ? products.slice(0, WARM_UP) : products.slice(WARM_UP + (round - 1) * PER_SALE, WARM_UP + round * PER_SALE);
      for (const p of list) {
        await page.evaluate(() => {
          (window as unknown as { __scan: { armed: boolean } }).__scan.armed = true;
        });
        const painted = page.evaluate(
          (id) => (window as unknown as { __waitLine: (id: string) => Promise<Timing> }).__waitLine(id),
          p.id,
        );
        await burst(p.code);
        const t = await painted;
        if (round > 0) {
          enterToLine.push(t.linePaintedAt - t.enterAt);
          enterToPriced.push(t.pricedPaintedAt - t.enterAt);
          burstMs.push(t.enterAt - t.firstAt);
        }
      }
      // A new sale for the next round: every scan again adds a line of its own.
      await page.keyboard.press('Control+Delete');
      await page.getByTestId('clear-confirm').click();
      await page.getByTestId('sale-empty').waitFor({ state: 'visible' });
    }
    await context.close();
    return [
      { name, value: p95(enterToLine), unit: 'ms', target: TARGET_MS },
      { name: '  median of the same', value: median(enterToLine), unit: 'ms', target: null },
      { name: '  to the line painted with its price from sales.quote (a second round trip; p95)', value: p95(enterToPriced), unit: 'ms', target: null },
      { name: `  the burst itself: first key to Enter (13 digits sent through CDP ${KEY_GAP_MS} ms apart; median)`, value: median(burstMs), unit: 'ms', target: null },
    ];
  } finally {
    await browser.close();
    await stop(server.child);
    if (!dir) rmSync(base, { recursive: true, force: true });
  }
}

// `npx tsx bench/scan-to-line.ts` measures this figure alone (after `npm run build`).
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  benchScanToLine().then(
    (figures) => console.log(JSON.stringify(figures, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
