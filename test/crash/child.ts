/**
 * The crash child: a real Backend on the given data folder, ringing up sales through the real
 * dispatcher until it is killed. It prints `ready` once it can sell and `sale <id>` after each
 * sale's commit has returned, and nothing else on stdout: the parent (harness.ts) trusts exactly
 * those lines. Any refusal or internal error ends it with exit code 2: nothing it asks for should
 * be refused, so one is a finding, not noise.
 *
 *   node --import tsx test/crash/child.ts <dataDir> <seed> [api|fixture]
 *
 * `fixture` rings up through crashTest.sale (fixtures.ts) instead of sales.commit; `api` is the default
 * whenever sales.commit exists.
 */
import { Backend } from '../../shop/backend';
import { handlers } from '../../shop/api/handlers';
import type { ClientState, HandlerMap } from '../../shop/api/define';
import { randomBasket, randomPayments, type BasketLine } from './basket';
import { crashFixtureHandlers, fixtureLineTotal } from './fixtures';
import { seededRandom } from './random';

const CASHIER_PIN = '1111'; // shop/demo/seed.ts DEMO_USERS
const RESTOCK_EVERY = 50;
/** more than any cash rounding step takes (at most half a step up): a cash tender that always covers */
const CASH_MARGIN = 10_000;

class ChildFailure extends Error {}

const [dataDir, seedText, modeArg] = process.argv.slice(2);
if (!dataDir || !seedText) {
  process.stderr.write('usage: child.ts <dataDir> <seed> [api|fixture]\n');
  process.exit(64);
}

const started = performance.now();
const backend = Backend.boot({
  dataDir,
  handlers: { ...handlers, ...crashFixtureHandlers } as HandlerMap,
  log: (error, method) => process.stderr.write(`internal error in ${method}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
});
const mode = modeArg === 'fixture' || !('sales.commit' in handlers) ? 'fixture' : 'api';
const rng = seededRandom(Number(seedText));
const client: ClientState = backend.newClient();

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new ChildFailure(`${method} refused: ${JSON.stringify(res.error)} for ${JSON.stringify(input)}`);
  return res.value as T;
}

async function signIn(): Promise<void> {
  let picker = await call<{ id: string; role: string }[]>('users.picker');
  if (picker.length === 0) {
    await call('shops.setup', { mode: 'demo', language: 'en' });
    picker = await call('users.picker');
  }
  const cashier = picker.find((u) => u.role === 'cashier');
  if (!cashier) throw new ChildFailure('the demo shop has no cashier');
  await call('users.signIn', { userId: cashier.id, secret: CASHIER_PIN });
}

async function ensureShift(): Promise<void> {
  if (mode === 'fixture' || !('shifts.open' in handlers)) {
    await call('crashTest.openShift', { openingFloat: 10_000 });
    return;
  }
  const current = await call<unknown>('shifts.current');
  if (current === null) await call('shifts.open', { openingFloat: 10_000 });
}

function bouquetProduct(): string | null {
  // A bouquet made at the counter is rung up as the assembly service with the flowers as its components.
  return (backend.db.prepare(`SELECT id FROM products WHERE kind = 'service' AND archived = 0 AND price > 0 ORDER BY seq LIMIT 1`).pluck().get() as
    | string
    | undefined) ?? null;
}

function sometimesAService(lines: BasketLine[]): BasketLine[] {
  if (!rng.chance(0.1)) return lines;
  const services = backend.db.prepare(`SELECT id FROM products WHERE kind = 'service' AND archived = 0 ORDER BY seq`).pluck().all() as string[];
  return services.length > 0 ? [...lines, { productId: rng.pick(services), quantity: 1 }] : lines;
}

async function ringUpOne(bouquet: string | null): Promise<string> {
  const lines = sometimesAService(randomBasket(backend.db, rng, { bouquetProductId: bouquet }));
  if (lines.length === 0) throw new ChildFailure('nothing left to sell');
  const print = rng.chance(0.5);
  if (mode === 'fixture') {
    const price = (id: string) => backend.db.prepare(`SELECT price FROM products WHERE id = ?`).pluck().get(id) as number;
    const total = lines.reduce((s, l) => s + fixtureLineTotal(price(l.productId), l.quantity, l.discount?.value ?? 0).total, 0);
    const res = await call<{ saleId: string }>('crashTest.sale', { lines, payments: randomPayments(rng, total, total, CASH_MARGIN), print });
    return res.saleId;
  }
  const quote = await call<{ total: number; cashTotal: number }>('sales.quote', { lines });
  const res = await call<{ saleId: string }>('sales.commit', { lines, payments: randomPayments(rng, quote.total, quote.cashTotal, CASH_MARGIN), print });
  return res.saleId;
}

async function main(): Promise<void> {
  await signIn();
  await ensureShift();
  await call('crashTest.restock', { below: 30, quantity: 60 });
  const bouquet = bouquetProduct();
  process.stdout.write(`ready ${mode} ${Math.round(performance.now() - started)}\n`);
  for (let n = 1; ; n++) {
    const saleId = await ringUpOne(bouquet);
    // Written only now that the commit has returned: a reported sale is a committed sale.
    process.stdout.write(`sale ${saleId}\n`);
    if (n % RESTOCK_EVERY === 0) await call('crashTest.restock', { below: 30, quantity: 60 });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`crash child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(2);
});
