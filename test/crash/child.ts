/**
 * The crash child: a real Backend on the given data folder, ringing up sales through the real
 * dispatcher until it is killed. It prints `ready <mode> <ms>` once it can sell and `sale <id>`
 * after each sale's commit has returned, and nothing else on stdout: the parent (harness.ts)
 * trusts exactly those lines. Any refusal or internal error ends it with exit code 2: nothing it
 * asks for should be refused, so one is a finding, not noise.
 *
 *   node --import tsx test/crash/child.ts <dataDir> <seed> [api|fixture|torn]
 */
import { Backend } from '../../shop/backend';
import { handlers } from '../../shop/api/handlers';
import type { HandlerMap } from '../../shop/api/define';
import { crashFixtureHandlers } from './fixtures';
import { seededRandom } from './random';
import { createSeller, sellModeFor } from './seller';

const RESTOCK_EVERY = 50;

const [dataDir, seedText, modeArg] = process.argv.slice(2);
if (!dataDir || !seedText) {
  process.stderr.write('usage: child.ts <dataDir> <seed> [api|fixture|torn]\n');
  process.exit(64);
}

async function main(dir: string, seed: number): Promise<void> {
  const started = performance.now();
  const backend = Backend.boot({
    dataDir: dir,
    handlers: { ...handlers, ...crashFixtureHandlers } as HandlerMap,
    log: (error, method) => process.stderr.write(`internal error in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
  });
  const mode = sellModeFor(backend, modeArg === 'fixture' || modeArg === 'torn' ? modeArg : 'api');
  const seller = createSeller(backend, seededRandom(seed), mode);
  await seller.prepare();
  process.stdout.write(`ready ${mode} ${Math.round(performance.now() - started)}\n`);
  for (let n = 1; ; n++) {
    const saleId = await seller.sellOne();
    // Written only now that the commit has returned: a reported sale is a committed sale.
    process.stdout.write(`sale ${saleId}\n`);
    if (n % RESTOCK_EVERY === 0) await seller.restock();
  }
}

main(dataDir, Number(seedText)).catch((e: unknown) => {
  process.stderr.write(`crash child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
