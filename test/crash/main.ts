/**
 * `npm run crash-test [-- --sales 2000 --seed 7 --budget 60 --mode api|fixture|torn --runner bundle|tsx --keep]`:
 * the crash run of test/integration/crash-safety.test.ts, on its own, with its figures printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { crashDataRoot } from './dataRoot';
import { runCrashTest } from './harness';

const { values } = parseArgs({
  options: {
    sales: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    budget: { type: 'string', default: '60' },
    mode: { type: 'string', default: 'api' },
    runner: { type: 'string', default: 'bundle' },
    keep: { type: 'boolean', default: false },
  },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
const dataDir = mkdtempSync(join(crashDataRoot() ?? tmpdir(), 'posy-crash-'));
console.log(`crash test: seed ${seed}, data ${dataDir}`);
try {
  const result = await runCrashTest({
    dataDir,
    targetSales: Number(values.sales),
    seed,
    budgetMs: Number(values.budget) * 1000,
    mode: values.mode === 'fixture' || values.mode === 'torn' ? values.mode : 'api',
    runner: values.runner === 'tsx' ? 'tsx' : 'bundle',
    log: (line) => console.log(line),
  });
  console.log(
    [
      `sales reported ${result.reported.size}, in the file ${result.check.counts.sales} (${result.landedUnreported} landed unreported)`,
      `runs ${result.runs}, kills ${result.kills} (${result.killsBeforeReady} before ready), median boot ${Math.round(result.medianBootMs)} ms`,
      `duration ${(result.durationMs / 1000).toFixed(1)} s; lines ${result.check.counts.lines}, payments ${result.check.counts.payments}, sale movements ${result.check.counts.movements}, lots ${result.check.counts.lots}`,
      `reopened after the last kill: ${result.reopened ? 'yes' : 'NO'}`,
    ].join('\n'),
  );
  if (result.check.problems.length > 0 || !result.reopened) {
    console.error(`FAILED (seed ${seed}):\n${result.check.problems.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('OK: every sale whole or absent, balances = ledger, payments = totals, integrity_check ok');
  }
} finally {
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
}
