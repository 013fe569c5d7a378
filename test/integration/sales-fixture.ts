import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { language, type Language } from '../../shop/api/schemas';
import { createProduct } from '../../shop/catalog/products';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import type { Role } from '../../shop/users/permissions';
import { receiveLot } from '../../shop/stock/ledger';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * A demo shop on a real SQLite file with people signed in and a shift open, plus test-only entry
 * points (through the real dispatcher, one transaction each) to make products with known lots.
 */
const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({
    access: 'public',
    input: z.object({ language }),
    run(ctx, i) {
      const seeded = seedDemoShop(ctx, i);
      // The counter's tests price at list; the demo's markdown of old stock has its own tests (freshness).
      ctx.db.prepare('UPDATE markdown_rules SET archived = 1').run();
      return seeded;
    },
  }),
  'test.product': handler({
    access: 'public',
    input: z.object({
      name: z.string(),
      price: z.number().int(),
      kind: z.enum(['cut_flower', 'service', 'ready_item']).default('cut_flower'),
      lots: z.array(z.object({ quantity: z.number().int(), unitCost: z.number().int(), arrivedAt: z.string() })).default([]),
    }),
    run(ctx, i) {
      const productId = createProduct(ctx, { kind: i.kind, names: { en: i.name, ru: `${i.name} ru` }, price: i.price });
      for (const lot of i.lots) receiveLot(ctx, { productId, ...lot, documentType: 'opening', documentId: ctx.newId() });
      return productId;
    },
  }),
  'test.shopRules': handler({
    access: 'public',
    input: z.object({ cashRounding: z.number().int().optional(), allowNegative: z.boolean().optional() }),
    run(ctx, i) {
      if (i.cashRounding !== undefined) ctx.db.prepare('UPDATE shops SET cash_rounding = ?').run(i.cashRounding);
      if (i.allowNegative !== undefined) ctx.db.prepare('UPDATE shops SET allow_negative_stock = ?').run(i.allowNegative ? 1 : 0);
    },
  }),
} satisfies HandlerMap;

export type SalesEnv = Awaited<ReturnType<typeof salesShop>>;

export async function salesShop(opts: { language?: Language; openShift?: boolean } = {}) {
  // The print worker stays idle: these tests look at the queue, not at a printer.
  const env = tempBackend({ handlers: testHandlers, log: (e) => console.error(e), printing: { autoStart: false } });
  const { call, ok } = callsOn(() => env.backend);
  const anon = env.backend.newClient();
  const seeded = await env.backend.call(anon, 'test.seedDemo', { language: opts.language ?? 'en' });
  if (!seeded.ok) throw new Error(JSON.stringify(seeded.error));
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: Role }[];
  const userId = (role: Role) => {
    const u = picker.find((p) => p.role === role);
    if (!u) throw new Error(`no ${role}`);
    return u.id;
  };
  const secretOf = (role: Role) => demoUser(role).pin ?? demoUser(role).password ?? '';
  async function signedIn(role: Role): Promise<ClientState> {
    const client = env.backend.newClient();
    await ok(client, 'users.signIn', { userId: userId(role), secret: secretOf(role) });
    return client;
  }
  const cashier = await signedIn('cashier');
  if (opts.openShift !== false) await ok(cashier, 'shifts.open', { openingFloat: 10_000 });

  async function product(name: string, price: number, lots: { quantity: number; unitCost: number; arrivedAt?: string }[] = [], kind = 'cut_flower') {
    const res = await env.backend.call(anon, 'test.product', {
      name,
      price,
      kind,
      lots: lots.map((l, i) => ({ arrivedAt: `2026-03-0${i + 1}T06:00:00.000Z`, ...l })),
    });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    return res.value as string;
  }
  async function shopRules(rules: { cashRounding?: number; allowNegative?: boolean }) {
    const res = await env.backend.call(anon, 'test.shopRules', rules);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
  }

  const db = env.backend.db;
  /** Row counts of everything a sale (or its refusal) could write. */
  function counts() {
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      sales: n('SELECT count(*) FROM sales'),
      lines: n('SELECT count(*) FROM sale_lines'),
      payments: n('SELECT count(*) FROM sale_payments'),
      movements: n('SELECT count(*) FROM stock_movements'),
      printJobs: n('SELECT count(*) FROM print_jobs'),
      parked: n('SELECT count(*) FROM parked_sales'),
      salesAudit: n("SELECT count(*) FROM audit_log WHERE action LIKE 'sales.%'"),
    };
  }
  const balance = (productId: string) =>
    db.prepare('SELECT coalesce(sum(quantity), 0) FROM lot_balances WHERE product_id = ?').pluck().get(productId) as number;

  return { env, db, call, ok, anon, cashier, signedIn, userId, secretOf, product, shopRules, counts, balance, dispose: () => env.dispose() };
}
