import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { createProduct } from '../../shop/catalog/products';
import { createShop } from '../../shop/shops/setup';
import { consumeFifo, receiveLot } from '../../shop/stock/ledger';
import { createUser } from '../../shop/users/accounts';
import type { Role } from '../../shop/users/permissions';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * A bare shop (no demo catalogue, no demo history) on a real SQLite file, with a clock the test
 * moves: past sales go through the real sales.quote/sales.commit on the day they happened, so the
 * history restock reads is the counter's own.
 */
const PASSWORDS: Record<Role, string> = { owner: 'owner-pass-1', manager: 'manager-pass-1', cashier: '1111', florist: '2222', courier: '3333' };

const testHandlers = {
  ...handlers,
  'test.shop': handler({
    access: 'public',
    input: z.object({ country: z.string().nullable() }),
    run(ctx, i) {
      const shopId = createShop(ctx, { name: 'Test Flowers', currency: 'GEL', language: 'en', ...(i.country ? { country: i.country } : {}) });
      for (const role of ['owner', 'manager', 'cashier'] as const) {
        const secret = role === 'cashier' ? { pin: PASSWORDS[role] } : { password: PASSWORDS[role] };
        createUser(ctx, { shopId, name: `Test ${role}`, role, language: 'en', ...secret });
      }
      // card totals are exact; keep cash rounding out of the way
      ctx.db.prepare('UPDATE shops SET cash_rounding = 1').run();
      return shopId;
    },
  }),
  'test.supplier': handler({
    access: 'public',
    input: z.object({ name: z.string(), leadDays: z.number().int() }),
    run(ctx, i) {
      const id = ctx.newId();
      const at = ctx.now().toISOString();
      ctx.db
        .prepare(`INSERT INTO suppliers (id, shop_id, name, lead_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(id, ctx.shopId, i.name, i.leadDays, at, at);
      return id;
    },
  }),
  'test.product': handler({
    access: 'public',
    input: z.object({
      name: z.string(),
      price: z.number().int(),
      kind: z.enum(['cut_flower', 'greenery', 'ready_item']).default('cut_flower'),
      vaseLifeDays: z.number().int().nullable().default(null),
      minStock: z.number().int().nullable().default(null),
      supplierId: z.string().nullable().default(null),
      pack: z.object({ kind: z.enum(['bunch', 'box', 'pack']), size: z.number().int() }).optional(),
    }),
    run(ctx, i) {
      const productId = createProduct(ctx, { kind: i.kind, names: { en: i.name }, price: i.price });
      ctx.db
        .prepare('UPDATE products SET vase_life_days = ?, min_stock = ?, supplier_id = ? WHERE id = ?')
        .run(i.vaseLifeDays, i.minStock, i.supplierId, productId);
      if (i.pack && i.supplierId) {
        ctx.db
          .prepare('INSERT INTO supplier_products (supplier_id, product_id, pack_kind, pack_size) VALUES (?, ?, ?, ?)')
          .run(i.supplierId, productId, i.pack.kind, i.pack.size);
      }
      return productId;
    },
  }),
  'test.lot': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number().int(), unitCost: z.number().int(), arrivedAt: z.string() }),
    run: (ctx, i) => receiveLot(ctx, { ...i, documentType: 'arrival', documentId: ctx.newId() }).lotId,
  }),
  // What making bouquets writes for its components (the assembly area's own handler may not exist yet).
  'test.assemblyConsume': handler({
    access: 'public',
    input: z.object({ productId: z.string(), quantity: z.number().int() }),
    run: (ctx, i) => consumeFifo(ctx, { ...i, documentType: 'assembly', documentId: ctx.newId() }).costOfGoods,
  }),
} satisfies HandlerMap;

export type RestockEnv = Awaited<ReturnType<typeof restockShop>>;

export async function restockShop(opts: { today: string; country?: string | null }) {
  const clock = { now: new Date(opts.today) };
  const env = tempBackend({ handlers: testHandlers, now: () => clock.now, log: (e) => console.error(e), printing: { autoStart: false } });
  const { call, ok } = callsOn(() => env.backend);
  const anon = env.backend.newClient();
  const must = async <T>(client: ClientState, method: string, input: unknown): Promise<T> => {
    const res = await env.backend.call(client, method, input);
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
    return res.value as T;
  };
  await must(anon, 'test.shop', { country: opts.country === undefined ? 'GE' : opts.country });
  const picker = await must<{ id: string; role: Role }[]>(anon, 'users.picker', {});
  async function signedIn(role: Role): Promise<ClientState> {
    const client = env.backend.newClient();
    await must(client, 'users.signIn', { userId: picker.find((u) => u.role === role)?.id, secret: PASSWORDS[role] });
    return client;
  }
  const owner = await signedIn('owner');
  const cashier = await signedIn('cashier');
  const manager = await signedIn('manager');

  /** Runs `fn` with the clock at `iso`, then puts it back to today. */
  async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
    const before = clock.now;
    clock.now = new Date(iso);
    try {
      return await fn();
    } finally {
      clock.now = before;
    }
  }

  let shiftOpen = false;
  /** A sale on that day (10:00 UTC), paid by card, through the counter's own commit. */
  async function sellOn(day: string, lines: { productId: string; quantity: number; components?: { productId: string; quantity: number }[] }[]) {
    await at(`${day}T10:00:00.000Z`, async () => {
      if (!shiftOpen) {
        await must(cashier, 'shifts.open', { openingFloat: 0 });
        shiftOpen = true;
      }
      const quote = await must<{ total: number }>(cashier, 'sales.quote', { lines });
      await must(cashier, 'sales.commit', { lines, payments: [{ method: 'card', amount: quote.total }], print: false });
    });
  }

  const supplier = (name: string, leadDays: number) => must<string>(anon, 'test.supplier', { name, leadDays });
  const product = (p: {
    name: string; price?: number; kind?: string; vaseLifeDays?: number | null; minStock?: number | null;
    supplierId?: string | null; pack?: { kind: 'bunch' | 'box' | 'pack'; size: number };
  }) => must<string>(anon, 'test.product', { price: 500, ...p });
  const lot = (productId: string, quantity: number, arrivedAt: string, unitCost = 200) =>
    must<string>(anon, 'test.lot', { productId, quantity, unitCost, arrivedAt });
  const assemblyOn = (day: string, productId: string, quantity: number) =>
    at(`${day}T09:00:00.000Z`, () => must(anon, 'test.assemblyConsume', { productId, quantity }));

  return { env, db: env.backend.db, call, ok, anon, owner, cashier, manager, clock, at, sellOn, supplier, product, lot, assemblyOn, dispose: () => env.dispose() };
}

/** Every day from `from` for `days` days, YYYY-MM-DD. */
export function daysFrom(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00.000Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}
