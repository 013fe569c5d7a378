/**
 * `npm run bench`: the issue's numbers, measured on generated data (20,000 products, 50,000
 * barcodes, names in five languages) in a temporary folder. Prints a table and writes
 * bench/results.json: [{ name, value, unit, target }], times in milliseconds. Each issue adds
 * its figures here.
 *
 * POSY_BENCH_DIR=<folder> keeps the generated data there and reuses it on the next run (for
 * working on one figure); without it everything lives in a temporary folder removed at the end.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../shop/backend';
import { findByBarcode } from '../shop/catalog/search';
import { seededRandom, randomInt } from '../shop/demo/random';
import { measureBrowserPaint } from './browser-paint';
import { benchPrintFirstByte } from './print-first-byte';
import { benchSaleCommit } from './sale-commit';
import { benchScanToLine } from './scan-to-line';
import { benchZReport } from './z-report';
import { benchRecipes } from './recipes';
import { benchRestock } from './restock';
import { benchStockView } from './stock-view';
import { benchTerminals } from './terminals';
import { BENCH_DATA, buildBenchDatabase, signInOwner } from './fixture';
import { median, p95, p99, timed, timedSync, type Figure } from './stats';


const ROOT = join(import.meta.dirname, '..');
const COLD_STARTS = 7;
const PAINT_RUNS = 5;
const LOOKUPS = 2000;
const SEARCHES_PER_SCRIPT = 300;
const WARM_UP = 100;

const figures: Figure[] = [];
const add = (name: string, value: number | null, unit: string, target: number | null, note?: string) =>
  figures.push({ name, value: value === null ? null : Math.round(value * 1000) / 1000, unit, target, ...(note ? { note } : {}) });
const say = (line: string) => process.stderr.write(`${line}\n`);

/** A fresh process per start, so the figure includes nothing a previous start warmed up (but the OS file cache). */
interface ColdStart {
  bootMs: number;
  openMs: number;
  importMs: number;
  rssMb: number | null;
  fullCheck: boolean;
}

function coldStart(dataDir: string, memory = false, fullCheck = false): ColdStart {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'cold-start.ts'), dataDir, ...(memory ? ['--memory'] : []), ...(fullCheck ? ['--full-check'] : [])],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ColdStart;
}

/**
 * How much of a start the integrity check is; how much of that is the FTS5 index's own check
 * (SQLite runs virtual tables' integrity checks inside quick_check); and what checking every
 * ordinary table (the FTS5 shadow tables included, as b-trees) would cost instead.
 */
function integrityBreakdown(file: string): { quickCheck: number; ftsCheck: number; ordinaryTables: number } {
  const db = new Database(file, { readonly: true });
  try {
    const quickCheck = timedSync(() => db.pragma('quick_check'));
    const ftsCheck = timedSync(() => db.pragma('quick_check(product_search)'));
    const ordinary = (db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table'`).all() as { name: string; sql: string }[])
      .filter((t) => !/^CREATE VIRTUAL TABLE/i.test(t.sql))
      .map((t) => t.name);
    const ordinaryTables = timedSync(() => {
      for (const name of ordinary) db.pragma(`quick_check("${name.replace(/"/g, '""')}")`);
    });
    return { quickCheck, ftsCheck, ordinaryTables };
  } finally {
    db.close();
  }
}

type Script = 'Latin' | 'Cyrillic' | 'Georgian';
const SCRIPT_LETTERS: Record<Script, RegExp> = {
  Latin: /^[a-z]+$/i,
  Cyrillic: /^[\u0400-\u04FF]+$/,
  Georgian: /^[\u10A0-\u10FF\u1C90-\u1CBF]+$/,
};
const SCRIPT_LANGS: Record<Script, string[]> = { Latin: ['en', 'uz'], Cyrillic: ['ru', 'kk'], Georgian: ['ka'] };

/** Fragments a cashier types: 3–6 consecutive letters from a word of a real product name, in one script. */
function fragments(db: Database.Database, script: Script, count: number, random: () => number): string[] {
  const placeholders = SCRIPT_LANGS[script].map(() => '?').join(',');
  const names = (
    db.prepare(`SELECT name FROM product_names WHERE own = 1 AND lang IN (${placeholders}) ORDER BY product_seq, lang LIMIT 20000`).all(...SCRIPT_LANGS[script]) as {
      name: string;
    }[]
  ).map((r) => r.name);
  const words = [...new Set(names.flatMap((n) => n.split(/[\s,()«»#.-]+/)).filter((w) => w.length >= 3 && SCRIPT_LETTERS[script].test(w)))];
  if (words.length === 0) throw new Error(`no ${script} words in the catalogue`);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const word = words[randomInt(random, words.length)] ?? '';
    const len = Math.min(word.length, 3 + randomInt(random, 4));
    const at = randomInt(random, word.length - len + 1);
    out.push(word.slice(at, at + len));
  }
  return out;
}

async function main() {
  const started = performance.now();
  const keep = process.env.POSY_BENCH_DIR;
  const tmp = keep ?? mkdtempSync(join(tmpdir(), 'posy-bench-'));
  if (keep) mkdirSync(keep, { recursive: true });
  const dataDir = join(tmp, 'data');
  const reuse = keep !== undefined && existsSync(join(dataDir, 'posy.db'));
  try {
    say('Demo shop seed (shops.setup in demo mode, 5 fresh databases each way) …');
    const seedTimes = async (history: boolean): Promise<number[]> => {
      const seeds: number[] = [];
      for (let i = 0; i < 5; i++) {
        const dir = join(tmp, `seed-${history ? 'h' : 'n'}-${i}`);
        const backend = Backend.boot({ dataDir: dir });
        try {
          seeds.push(
            await timed(async () => {
              const res = await backend.call(backend.newClient(), 'shops.setup', { mode: 'demo', language: 'ka', history });
              if (!res.ok) throw new Error(`demo setup failed: ${JSON.stringify(res.error)}`);
            }),
          );
        } finally {
          backend.shutdown();
          rmSync(dir, { recursive: true, force: true });
        }
      }
      return seeds;
    };
    add(
      'open the demo shop without past days (shop, 5 users, catalogue, stock, suppliers, recipes, bouquets made, write-offs; median of 5)',
      median(await seedTimes(false)),
      'ms',
      1000,
    );
    add(
      'open the demo shop as the app does: with 10 weeks of past sales and last year\'s occasions (median of 5)',
      median(await seedTimes(true)),
      'ms',
      null,
      'about 2,000 past sales in closed shifts, with their deliveries; one transaction',
    );

    if (reuse) say(`Reusing the benchmark data in ${dataDir}`);
    else {
      say(`Generating ${BENCH_DATA.products} products and ${BENCH_DATA.barcodes} barcodes in ${dataDir} …`);
      const built = await buildBenchDatabase(dataDir);
      add('generate benchmark catalogue (demo shop + 20k products, one transaction)', built.ms, 'ms', null);
      say(`  ${built.products} products, ${built.barcodes} barcodes in ${(built.ms / 1000).toFixed(1)} s`);
    }

    say(`Cold starts (${COLD_STARTS}, each in a fresh process) …`);
    const starts = Array.from({ length: COLD_STARTS }, () => coldStart(dataDir));
    say(`  runs: ${starts.map((s) => s.bootMs.toFixed(0)).join(', ')} ms`);
    add(
      `backend cold start: open, integrity check, migrate, first calls answered (median of ${COLD_STARTS})`,
      median(starts.map((s) => s.bootMs)),
      'ms',
      300,
    );
    add('  of which: Backend.boot (open, check, migrate)', median(starts.map((s) => s.openMs)), 'ms', null);
    // The every-page check runs after an unclean shutdown and once a day (db/open.ts): that start is measured on its own.
    const checkedStarts = Array.from({ length: 3 }, () => coldStart(dataDir, false, true));
    say(`  with the every-page check: ${checkedStarts.map((s) => s.bootMs.toFixed(0)).join(', ')} ms`);
    add('backend start after an unclean shutdown or once a day: every page checked (median of 3)', median(checkedStarts.map((s) => s.bootMs)), 'ms', null);
    const breakdown = integrityBreakdown(join(dataDir, 'posy.db'));
    add('  for comparison: PRAGMA quick_check of the whole file (FTS5 check included)', breakdown.quickCheck, 'ms', null);
    add('  for comparison: quick_check of the FTS5 search index alone', breakdown.ftsCheck, 'ms', null);
    add('  for comparison: quick_check of every ordinary table, virtual tables skipped', breakdown.ordinaryTables, 'ms', null);
    add('backend module load before boot (tsx, from source; not part of the start figure)', median(starts.map((s) => s.importMs)), 'ms', null);

    say('Resident memory after the catalogue is loaded …');
    const mem = coldStart(dataDir, true);
    add('backend resident memory after paging through the whole catalogue', mem.rssMb, 'MB', null);

    const backend = Backend.boot({ dataDir });
    try {
      const owner = await signInOwner(backend);
      const random = seededRandom(BENCH_DATA.seed);
      const allCodes = (backend.db.prepare('SELECT code FROM barcodes').all() as { code: string }[]).map((r) => r.code);
      const sample = () => Array.from({ length: LOOKUPS + WARM_UP }, () => allCodes[randomInt(random, allCodes.length)] ?? '');
      // Two samples, interleaved: neither path gets codes whose pages the other has just read.
      const [forCall, forRaw] = [sample(), sample()];

      say(`Barcode lookups (${LOOKUPS} each way) …`);
      const viaCall: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < LOOKUPS + WARM_UP; i++) {
        const code = forCall[i] ?? '';
        let ok = false;
        const ms = await timed(async () => {
          ok = (await backend.call(owner, 'catalog.byBarcode', { code })).ok;
        });
        if (!ok) throw new Error(`lookup of ${code} failed`);
        let found = false;
        const rawMs = timedSync(() => {
          found = findByBarcode(backend.db, forRaw[i] ?? '', 'ka') !== null;
        });
        if (!found) throw new Error(`lookup of ${forRaw[i]} found nothing`);
        if (i >= WARM_UP) {
          viaCall.push(ms);
          raw.push(rawMs);
        }
      }
      // The same round trip with no work in it: how much of the lookup's tail is the dispatcher's (session, zod, transaction, GC).
      const floor: number[] = [];
      for (let i = 0; i < LOOKUPS + WARM_UP; i++) {
        const ms = await timed(() => backend.call(owner, 'system.status', {}));
        if (i >= WARM_UP) floor.push(ms);
      }
      add('barcode lookup p99 (catalog.byBarcode through backend.call)', p99(viaCall), 'ms', 1);
      add('  median', median(viaCall), 'ms', null);
      add('barcode lookup p99 (findByBarcode, the domain function)', p99(raw), 'ms', 1);
      add('  median', median(raw), 'ms', null);
      add('backend.call round trip of system.status p99 (the dispatcher alone, for comparison)', p99(floor), 'ms', null);

      for (const script of ['Latin', 'Cyrillic', 'Georgian'] as const) {
        say(`Searches by ${script} fragments (${SEARCHES_PER_SCRIPT}) …`);
        const queries = fragments(backend.db, script, SEARCHES_PER_SCRIPT + WARM_UP, random);
        const times: number[] = [];
        const slowest: { query: string; ms: number; total: number }[] = [];
        for (const [i, query] of queries.entries()) {
          let total = 0;
          const ms = await timed(async () => {
            const res = await backend.call(owner, 'catalog.search', { query });
            if (!res.ok) throw new Error(`search "${query}" failed: ${JSON.stringify(res.error)}`);
            total = (res.value as { total: number }).total;
          });
          if (i >= WARM_UP) {
            times.push(ms);
            slowest.push({ query, ms, total });
          }
        }
        slowest.sort((a, b) => b.ms - a.ms);
        say(`  slowest: ${slowest.slice(0, 5).map((q) => `"${q.query}" ${q.ms.toFixed(1)} ms (${q.total} matches)`).join(', ')}`);
        add(`product search p95, 3–6 letter ${script} fragments (catalog.search, first page)`, p95(times), 'ms', 5);
        add('  median', median(times), 'ms', null);
      }

      const short: number[] = [];
      for (const query of ['r', 'ro', 'р', 'ро', 'ვ', 'ვა', 'q', 'qi', 'қ', 'қы', 'a', 'б', 'ტ', '60', '4']) {
        for (let i = 0; i < 20; i++) {
          short.push(
            await timed(async () => {
              await backend.call(owner, 'catalog.search', { query });
            }),
          );
        }
      }
      add('product search p95, 1–2 character queries (catalog.search, first page)', p95(short), 'ms', null);
    } finally {
      backend.shutdown();
    }

    say(`Browser mode: process start to sign-in painted in Chromium (${PAINT_RUNS}) …`);
    const paint = await measureBrowserPaint(dataDir, PAINT_RUNS);
    const paintName = `browser mode: server process start to sign-in screen painted in Chromium (median of ${PAINT_RUNS})`;
    if ('runs' in paint) {
      say(`  runs: ${paint.runs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      add(paintName, median(paint.runs), 'ms', 1500);
      add('  of which: until the server printed its URL (backend booted, listening)', median(paint.serverReady), 'ms', null);
    }
    else {
      say(`  skipped: ${paint.skipped}`);
      add(paintName, null, 'ms', 1500, `skipped: ${paint.skipped}`);
    }

    // The counter (issue 3): each measurement brings its own shop in its own folder.
    const counter: [string, (dir: string) => Promise<Figure[]>][] = [
      ['Sale commit (5 lines, one bouquet of 12 components)', benchSaleCommit],
      ['Z report over a shift of 1,000 sales', benchZReport],
      ['Pay to first receipt byte at a TCP printer', benchPrintFirstByte],
      ['Scan to line on screen in Chromium', benchScanToLine],
      // Flowers (issue 4)
      ['Import and match a 10,000-line terminal file', benchTerminals],
      ['Cost and price of a 15-component recipe', benchRecipes],
      ['Stock view of 2,000 lots with ages', benchStockView],
      ['Restock suggestion over a year of sales (200,000 lines)', benchRestock],
    ];
    for (const [title, measure] of counter) {
      say(`${title} …`);
      const dir = join(tmp, `counter-${figures.length}`);
      mkdirSync(dir, { recursive: true });
      for (const f of await measure(dir)) add(f.name, f.value, f.unit, f.target, f.note);
    }
  } finally {
    if (!keep) rmSync(tmp, { recursive: true, force: true });
  }

  printTable(figures);
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(figures, null, 2)}\n`);
  say(`\nWrote bench/results.json in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
}

function printTable(rows: Figure[]) {
  const fmt = (v: number | null) => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
  const verdict = (f: Figure) => (f.value === null || f.target === null ? '' : f.value <= f.target ? 'ok' : 'OVER');
  const width = Math.max(...rows.map((r) => r.name.length));
  const lines = [
    `${'figure'.padEnd(width)}  ${'value'.padStart(9)}  unit  ${'target'.padStart(6)}`,
    '-'.repeat(width + 30),
    ...rows.map(
      (r) =>
        `${r.name.padEnd(width)}  ${fmt(r.value).padStart(9)}  ${r.unit.padEnd(4)}  ${(r.target === null ? '' : `≤ ${r.target}`).padStart(6)}  ${verdict(r)}${r.note ? `  ${r.note}` : ''}`,
    ),
  ];
  console.log(`\n${lines.join('\n')}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
