import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Backend } from '../../shop/backend';
import { checkDatabaseFile, type CheckReport } from './checker';
import { seededRandom, type Random } from './random';
import type { SellMode } from './seller';

/**
 * The crash parent: seeds the demo shop once, then starts the child (child.ts), kills it with
 * SIGKILL at seeded random moments — while it boots, signs in and opens its shift, or between and
 * during sales — and starts it again, until the children have reported `targetSales` committed
 * sales. Then it reads the file (checker.ts) and boots a backend on it once more.
 */
export interface CrashRunOptions {
  dataDir: string;
  targetSales: number;
  seed: number;
  /** time planned for the selling phase; the kill rate adapts so the target is reached within it */
  budgetMs: number;
  /** 'api' rings up through sales.commit, 'fixture' through the test writer, 'torn' through the broken one (fixtures.ts) */
  mode?: SellMode;
  /**
   * 'bundle' (default) runs one esbuild bundle of the child with plain node: ~0.2 s to start
   * instead of ~1.5 s under tsx, which is what lets a hundred restarts fit in the budget.
   */
  runner?: 'bundle' | 'tsx';
  /** how many times per second, at most, the child is killed once it sells (default 4) */
  maxKillsPerSecond?: number;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  /** sale ids the children reported committed */
  reported: Set<string>;
  runs: number;
  kills: number;
  /** kills that came before the child said it could sell (boot, checks, sign-in, shift) */
  killsBeforeReady: number;
  /** sales in the file that no child lived to report: commits in flight at a kill that made it */
  landedUnreported: number;
  durationMs: number;
  /** median start time of a child, spawn to ready */
  medianBootMs: number;
  check: CheckReport;
  /** a fresh backend opened the file after the last kill (full check, migrations) */
  reopened: boolean;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD_TS = join(HERE, 'child.ts');
/** one bundle per parent process: a vitest run and an `npm run crash-test` side by side do not overwrite each other's */
const BUNDLE = resolve(HERE, `../../node_modules/.cache/posy-crash/child-${process.pid}.mjs`);
/** share of kills aimed at the child's start rather than its selling */
const BOOT_KILL_SHARE = 0.15;

/**
 * Native and device packages stay outside the bundle, loaded from node_modules as installed (the
 * bundle sits under node_modules/.cache so plain node resolves them); everything else goes in,
 * which halves the child's start-up compared with resolving hundreds of package files.
 */
const UNBUNDLED = ['better-sqlite3', 'serialport', '@serialport/*', 'node-hid', '@napi-rs/canvas', 'node-thermal-printer', 'electron', 'pino', 'thread-stream'];

export async function bundleChild(): Promise<string> {
  mkdirSync(dirname(BUNDLE), { recursive: true });
  await build({
    entryPoints: [CHILD_TS],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: UNBUNDLED,
    // bundled CommonJS packages call require()
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return BUNDLE;
}

/** The demo shop, set up once through the real shops.setup, before the first child. */
export async function seedDemo(dataDir: string): Promise<void> {
  const backend = Backend.boot({ dataDir });
  try {
    const res = await backend.call(backend.newClient(), 'shops.setup', { mode: 'demo', language: 'en', history: false });
    if (!res.ok) throw new Error(`shops.setup demo refused: ${JSON.stringify(res.error)}`);
  } finally {
    backend.shutdown();
  }
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface RunOutcome {
  killed: boolean;
  beforeReady: boolean;
  bootMs: number | null;
  sellingMs: number;
  sales: number;
}

export async function runCrashTest(opts: CrashRunOptions): Promise<CrashRunResult> {
  const rng = seededRandom(opts.seed);
  const runner = opts.runner ?? 'bundle';
  const started = performance.now();

  const childArgs = runner === 'bundle' ? [await bundleChild()] : ['--import', 'tsx', CHILD_TS];
  try {
    await seedDemo(opts.dataDir);
    return await killAndRestart(opts, childArgs, rng, started);
  } finally {
    if (runner === 'bundle') rmSync(BUNDLE, { force: true });
  }
}

async function killAndRestart(opts: CrashRunOptions, childArgs: string[], rng: Random, started: number): Promise<CrashRunResult> {
  const log = opts.log ?? (() => {});
  const deadline = started + opts.budgetMs;
  const minWindowMs = 1000 / (opts.maxKillsPerSecond ?? 4);

  const reported = new Set<string>();
  const boots: number[] = [];
  let sellingMs = 0;
  let sellingSales = 0;
  let runs = 0;
  let kills = 0;
  let killsBeforeReady = 0;

  /**
   * How long to let the child sell before the kill, on average: long enough that the sales left
   * fit in the time left, given what a restart costs and how fast it sells; never so short that
   * it is killed more than maxKillsPerSecond.
   */
  function sellingWindow(): number {
    const bootMs = median(boots) || 1000;
    if (sellingSales === 0) return 4 * minWindowMs;
    const rate = sellingSales / sellingMs; // sales per ms
    const remaining = opts.targetSales - reported.size;
    const timeLeft = deadline - performance.now();
    const spare = rate * timeLeft - remaining;
    const wanted = spare <= 0 ? 20 * minWindowMs : (remaining * bootMs) / spare;
    return Math.min(Math.max(wanted, minWindowMs), 20 * minWindowMs);
  }

  function runOnce(): Promise<RunOutcome> {
    return new Promise((resolveRun, rejectRun) => {
      const spawnedAt = performance.now();
      const child: ChildProcess = spawn(process.execPath, [...childArgs, opts.dataDir, String(opts.seed * 1000 + runs), opts.mode ?? 'api'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let readyAt: number | null = null;
      let sales = 0;
      let killedByUs = false;
      let timer: NodeJS.Timeout | null = null;
      let stdoutRest = '';
      let stderr = '';
      const fail = (e: Error) => {
        child.kill('SIGKILL');
        rejectRun(e);
      };
      const kill = () => {
        if (killedByUs || child.exitCode !== null) return;
        killedByUs = true;
        child.kill('SIGKILL');
      };
      const killIn = (ms: number) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(kill, ms);
      };

      const aimAtBoot = rng.chance(BOOT_KILL_SHARE);
      if (aimAtBoot) killIn(rng.next() * (median(boots) || 500));

      child.stdout?.setEncoding('utf8');
      child.stdout?.on('data', (chunk: string) => {
        const text = stdoutRest + chunk;
        const lines = text.split('\n');
        // Only whole lines count: a kill may cut the last one short.
        stdoutRest = lines.pop() ?? '';
        for (const line of lines) {
          if (line.startsWith('ready ')) {
            readyAt = performance.now();
            if (!aimAtBoot) killIn(rng.next() * 2 * sellingWindow());
          } else if (line.startsWith('sale ')) {
            const id = line.slice(5);
            if (reported.has(id)) fail(new Error(`sale ${id} reported twice`));
            reported.add(id);
            sales++;
            if (reported.size >= opts.targetSales) kill();
          } else {
            fail(new Error(`unexpected line from the crash child: ${line}`));
          }
        }
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        stderr = (stderr + chunk).slice(-8000);
      });
      child.on('error', fail);
      child.on('exit', (code, signal) => {
        if (timer) clearTimeout(timer);
        const endedAt = performance.now();
        if (!(killedByUs && signal === 'SIGKILL')) {
          rejectRun(new Error(`crash child ended by itself (code ${code}, signal ${signal}) after ${sales} sales:\n${stderr}`));
          return;
        }
        resolveRun({
          killed: true,
          beforeReady: readyAt === null,
          bootMs: readyAt === null ? null : readyAt - spawnedAt,
          sellingMs: readyAt === null ? 0 : endedAt - readyAt,
          sales,
        });
      });
    });
  }

  while (reported.size < opts.targetSales) {
    if (performance.now() > started + opts.budgetMs * 2.5) {
      throw new Error(`crash run far over its budget: ${reported.size} of ${opts.targetSales} sales after ${runs} runs`);
    }
    const outcome = await runOnce();
    runs++;
    kills++; // every run ends in a kill, the last one too: it stops a child mid-sale like any other
    if (outcome.beforeReady) killsBeforeReady++;
    if (outcome.bootMs !== null) boots.push(outcome.bootMs);
    sellingMs += outcome.sellingMs;
    sellingSales += outcome.sales;
    if (runs % 10 === 0) log(`crash: ${reported.size}/${opts.targetSales} sales, ${kills} kills, ${Math.round(performance.now() - started)} ms`);
  }

  const file = join(opts.dataDir, 'posy.db');
  const check = checkDatabaseFile(file, reported);
  let reopened = false;
  const backend = Backend.boot({ dataDir: opts.dataDir, check: 'always' });
  try {
    reopened = (backend.db.prepare(`SELECT count(*) FROM sales`).pluck().get() as number) === check.counts.sales;
  } finally {
    backend.shutdown();
  }
  return {
    reported,
    runs,
    kills,
    killsBeforeReady,
    landedUnreported: check.counts.sales - (reported.size - check.counts.reportedMissing),
    durationMs: performance.now() - started,
    medianBootMs: median(boots),
    check,
    reopened,
  };
}
