import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { LANGUAGES, language } from '../../shop/api/schemas';
import { seedDemoShop } from '../../shop/demo/seed';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

// The demo's suppliers, packs and deliveries (shop/demo/arrivals.ts), as the demo seed lays them down
// (without the past days' history, whose deliveries come before these two).

const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({
    access: 'public',
    input: z.object({ language }).strict(),
    run: (ctx, input) => seedDemoShop(ctx, { language: input.language }),
  }),
} satisfies HandlerMap;

type Env = ReturnType<typeof tempBackend>;
const envs: Env[] = [];
afterEach(() => {
  while (envs.length > 0) envs.pop()?.dispose();
});

describe('the demo suppliers and deliveries', () => {
  it.each(LANGUAGES)('gives the %s demo shop suppliers with local names, packs, usual suppliers and two deliveries', async (lang) => {
    const env = tempBackend({ handlers: testHandlers, log: (e) => console.error(e), printing: { autoStart: false } });
    envs.push(env);
    const { call } = callsOn(() => env.backend);
    const anon = env.backend.newClient();
    expect(await call(anon, 'test.seedDemo', { language: lang })).toMatchObject({ ok: true });
    const db = env.backend.db;

    const suppliers = db.prepare('SELECT name, lead_days FROM suppliers ORDER BY created_at, id').all() as { name: string; lead_days: number }[];
    expect(suppliers).toHaveLength(4);
    if (lang === 'ka') expect(suppliers[0]?.name).toBe('ფლორიმპორტი');
    if (lang === 'kk') expect(suppliers[0]?.name).toBe('Алматы Флора Импорт');

    const packsOf = (categoryEn: string) =>
      db
        .prepare(
          `SELECT DISTINCT sp.pack_kind || ':' || sp.pack_size FROM supplier_products sp JOIN products p ON p.id = sp.product_id
             JOIN category_names c ON c.category_id = p.category_id AND c.lang = 'en' WHERE c.name = ? ORDER BY 1`,
        )
        .pluck()
        .all(categoryEn);
    expect(packsOf('Roses')).toEqual(['bunch:10', 'bunch:20']);
    expect(packsOf('Tulips')).toEqual(['bunch:10']);
    expect(packsOf('Packaging').every((p) => String(p).startsWith('box:') || String(p).startsWith('pack:'))).toBe(true);
    // every product with a pack has its usual supplier; potted plants have none
    expect(db.prepare('SELECT count(*) FROM supplier_products sp JOIN products p ON p.id = sp.product_id WHERE p.supplier_id = sp.supplier_id').pluck().get()).toBe(
      db.prepare('SELECT count(*) FROM supplier_products').pluck().get(),
    );
    expect(db.prepare("SELECT count(*) FROM products WHERE kind = 'plant' AND supplier_id IS NOT NULL").pluck().get()).toBe(0);

    // the two deliveries of this demo (the sales history adds its own arrivals after them)
    const arrivals = db
      .prepare(
        `SELECT invoice_no, total_cost, (SELECT count(*) FROM arrival_lines l WHERE l.arrival_id = a.id) AS lines
           FROM arrivals a WHERE invoice_no IN ('FI-0412', 'GG-118') ORDER BY number`,
      )
      .all() as { invoice_no: string; total_cost: number; lines: number }[];
    expect(arrivals.map((a) => [a.invoice_no, a.lines])).toEqual([
      ['FI-0412', 4],
      ['GG-118', 3],
    ]);
    expect(arrivals.every((a) => a.total_cost > 0)).toBe(true);
  });
});
