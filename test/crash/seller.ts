import type { ClientState } from '../../shop/api/define';
import type { Backend } from '../../shop/backend';
import { randomBasket, randomPayments, readShelf, takeFromShelf, type BasketLine, type Stocked } from './basket';
import { fixtureLineTotal } from './fixtures';
import type { Random } from './random';

/**
 * A cashier at a backend: signs the demo cashier in, opens the shift if none is open, and rings up
 * random sales through the dispatcher, exactly as the sale screen would (quote, then commit). The
 * crash child drives it until it is killed; the checker's own tests use it to make a good file.
 * The backend must carry crashFixtureHandlers (fixtures.ts).
 */
/** 'torn' is the deliberately broken writer (fixtures.ts): a run in that mode must fail. */
export type SellMode = 'api' | 'fixture' | 'torn';

const CASHIER_PIN = '1111'; // shop/demo/seed.ts DEMO_USERS
/** more than any cash rounding step takes (at most half a step up): a cash tender that always covers */
const CASH_MARGIN = 10_000;
const RESTOCK = { below: 30, quantity: 60 };

export class SellerFailure extends Error {}

export function sellModeFor(backend: Backend, wanted: SellMode): SellMode {
  if (wanted !== 'api') return wanted;
  return 'sales.commit' in backend.handlers && 'sales.quote' in backend.handlers ? 'api' : 'fixture';
}

export function createSeller(backend: Backend, rng: Random, mode: SellMode) {
  const client: ClientState = backend.newClient();
  let bouquet: string | null = null;
  let shelf = new Map<string, Stocked>();

  async function call<T>(method: string, input: unknown = {}): Promise<T> {
    const res = await backend.call(client, method, input);
    if (!res.ok) throw new SellerFailure(`${method} refused: ${JSON.stringify(res.error)} for ${JSON.stringify(input)}`);
    return res.value as T;
  }

  function sometimesAService(lines: BasketLine[]): BasketLine[] {
    if (!rng.chance(0.1)) return lines;
    const services = backend.db.prepare(`SELECT id FROM products WHERE kind = 'service' AND archived = 0 ORDER BY seq`).pluck().all() as string[];
    return services.length > 0 ? [...lines, { productId: rng.pick(services), quantity: 1 }] : lines;
  }

  return {
    /** Sign-in, shift, stock: everything before the first sale. Sets up the demo shop on an empty file. */
    async prepare(): Promise<void> {
      let picker = await call<{ id: string; role: string }[]>('users.picker');
      if (picker.length === 0) {
        await call('shops.setup', { mode: 'demo', language: 'en', history: false });
        picker = await call('users.picker');
      }
      const cashier = picker.find((u) => u.role === 'cashier');
      if (!cashier) throw new SellerFailure('the demo shop has no cashier');
      await call('users.signIn', { userId: cashier.id, secret: CASHIER_PIN });
      if (mode !== 'api' || !('shifts.open' in backend.handlers)) {
        await call('crashTest.openShift', { openingFloat: 10_000 });
      } else if ((await call<unknown>('shifts.current')) === null) {
        await call('shifts.open', { openingFloat: 10_000 });
      }
      await this.restock();
      // A bouquet made at the counter is rung up as the first paid service with the flowers as its components.
      bouquet =
        (backend.db.prepare(`SELECT id FROM products WHERE kind = 'service' AND archived = 0 AND price > 0 ORDER BY seq LIMIT 1`).pluck().get() as
          | string
          | undefined) ?? null;
    },

    /** A lot for each product running low, so 2,000 sales never run the demo shop dry. */
    async restock(): Promise<void> {
      await call('crashTest.restock', RESTOCK);
      shelf = readShelf(backend.db);
    },

    /** One sale, committed; its id. */
    async sellOne(): Promise<string> {
      const lines = sometimesAService(randomBasket(shelf, rng, { bouquetProductId: bouquet }));
      if (lines.length === 0) throw new SellerFailure('nothing left to sell');
      const print = rng.chance(0.5);
      let saleId: string;
      if (mode !== 'api') {
        const price = (id: string) => backend.db.prepare(`SELECT price FROM products WHERE id = ?`).pluck().get(id) as number;
        const total = lines.reduce((s, l) => s + fixtureLineTotal(price(l.productId), l.quantity, l.discount?.value ?? 0).total, 0);
        const method = mode === 'torn' ? 'crashTest.tornSale' : 'crashTest.sale';
        saleId = (await call<{ saleId: string }>(method, { lines, payments: randomPayments(rng, total, total, CASH_MARGIN), print })).saleId;
      } else {
        const quote = await call<{ total: number; cashTotal: number }>('sales.quote', { lines });
        const payments = randomPayments(rng, quote.total, quote.cashTotal, CASH_MARGIN);
        saleId = (await call<{ saleId: string }>('sales.commit', { lines, payments, print })).saleId;
      }
      takeFromShelf(shelf, lines);
      return saleId;
    },
  };
}
