import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { Backend } from '../shop/backend';
import { demoUser, seedDemoShop } from '../shop/demo/seed';
import { priceVariant } from '../shop/recipes/recipes';
import { readPricingRules } from '../shop/recipes/rules';
import { consumeFifo, receiveLot } from '../shop/stock/ledger';
import { median, p99, timed, timedSync, type Figure } from './stats';

/**
 * The figure: cost and price of a 15-component recipe (p99 ≤ 1 ms). The components are
 * demo flowers, greens and sundries, each with five lots of different costs, partly sold, so the
 * FIFO walk crosses lots; the price reads the shop's rules as a recipe card or a counter bouquet does.
 */

const COMPONENTS = 15;
const LOTS_PER_COMPONENT = 5;
const RUNS = 2_000;
const TARGET_MS = 1;

const benchHandlers = {
  ...handlers,
  'bench.recipeShop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'kk' });
      const products = ctx.db
        .prepare(
          `SELECT id FROM products WHERE kind IN ('cut_flower','greenery','consumable') AND archived = 0 ORDER BY kind, seq LIMIT ${COMPONENTS}`,
        )
        .pluck()
        .all() as string[];
      products.forEach((productId, i) => {
        for (let lot = 0; lot < LOTS_PER_COMPONENT; lot++) {
          receiveLot(ctx, {
            productId,
            quantity: 20 + lot * 5,
            unitCost: 15_000 + i * 1_000 + lot * 700,
            arrivedAt: new Date(Date.UTC(2026, 2, 1 + lot, 6)).toISOString(),
            documentType: 'opening',
            documentId: ctx.newId(),
          });
        }
        // the oldest lots partly sold: the walk starts mid-lot
        consumeFifo(ctx, { productId, quantity: 17 + i, documentType: 'sale', documentId: ctx.newId(), allowNegative: true });
      });
      return products;
    },
  }),
} satisfies HandlerMap;

async function must<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

export async function benchRecipes(dir: string): Promise<Figure[]> {
  const dataDir = join(dir, 'recipes');
  mkdirSync(dataDir, { recursive: true });
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, log: (e) => console.error(e) });
  try {
    const db = backend.db;
    const anon = backend.newClient();
    const products = await must<string[]>(backend, anon, 'bench.recipeShop', {});
    if (products.length !== COMPONENTS) throw new Error(`expected ${COMPONENTS} demo components, got ${products.length}`);
    // quantities that reach past the first lot or two, as a large bouquet's roses do
    const components = products.map((productId, i) => ({ productId, quantity: 1 + ((i * 7) % 41) }));
    const shopId = db.prepare(`SELECT value FROM app_settings WHERE key = 'current_shop_id'`).pluck().get() as string;

    const costAndPrice = () => priceVariant(db, components, 50_000, readPricingRules(db, shopId));
    for (let i = 0; i < 200; i++) costAndPrice();
    const direct = Array.from({ length: RUNS }, () => timedSync(costAndPrice));
    if (!(costAndPrice().price > 0)) throw new Error('the recipe priced at nothing');

    const picker = await must<{ id: string; role: string }[]>(backend, anon, 'users.picker', {});
    const owner = backend.newClient();
    await must(backend, owner, 'users.signIn', { userId: picker.find((u) => u.role === 'owner')?.id, secret: demoUser('owner').password });
    const input = { variants: [{ size: 'medium', assemblyFee: 50_000, components }] };
    for (let i = 0; i < 50; i++) await must(backend, owner, 'recipes.preview', input);
    const viaApi: number[] = [];
    for (let i = 0; i < 500; i++) viaApi.push(await timed(() => must(backend, owner, 'recipes.preview', input)));

    const note = `${COMPONENTS} components × ${LOTS_PER_COMPONENT} lots, oldest partly sold; rules read each time`;
    return [
      { name: 'Cost and price of a 15-component recipe (median)', value: median(direct), unit: 'ms', target: null, note },
      { name: 'Cost and price of a 15-component recipe (p99)', value: p99(direct), unit: 'ms', target: TARGET_MS, note },
      {
        name: 'recipes.preview of a 15-component recipe through the API (p99)',
        value: p99(viaApi),
        unit: 'ms',
        target: null,
        note: `${note}; with names, dispatcher and transaction`,
      },
    ];
  } finally {
    backend.shutdown();
  }
}
