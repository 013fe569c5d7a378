import { z } from 'zod';
import { handler, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { language, type Language } from '../shop/api/schemas';
import { Backend } from '../shop/backend';
import { generateLargeCatalog } from '../shop/demo/large';
import { demoUser, seedDemoShop } from '../shop/demo/seed';

/** The benchmark data: 20,000 products and 50,000 barcodes, named in all five languages. */
export const BENCH_DATA = { products: 20_000, barcodes: 50_000, seed: 20_260_101 } as const;

/**
 * The real handler map plus one entry that builds the benchmark shop through the real dispatcher
 * (one transaction, as shops.setup runs the demo seed). Only the bench ever registers it.
 */
const benchHandlers = {
  ...handlers,
  'bench.generate': handler({
    access: 'public',
    input: z.object({ language, products: z.number().int(), barcodes: z.number().int(), seed: z.number().int() }),
    run: (ctx, input) => {
      const { shopId } = seedDemoShop(ctx, { language: input.language });
      return { shopId, ...generateLargeCatalog(ctx, input) };
    },
  }),
} satisfies HandlerMap;

/** Creates the demo shop plus the large catalogue in a fresh data folder; returns how long it took. */
export async function buildBenchDatabase(dataDir: string, lang: Language = 'ka'): Promise<{ ms: number; products: number; barcodes: number }> {
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, log: (e) => console.error(e) });
  try {
    // Room for the trigram index's merges while 20,000 rows go in one transaction (this connection only).
    backend.db.pragma('cache_size = -262144');
    const start = performance.now();
    const res = await backend.call(backend.newClient(), 'bench.generate', { language: lang, ...BENCH_DATA });
    if (!res.ok) throw new Error(`generating the benchmark catalogue failed: ${JSON.stringify(res.error)}`);
    const ms = performance.now() - start;
    const count = (sql: string) => (backend.db.prepare(sql).get() as { n: number }).n;
    backend.db.pragma('optimize');
    return { ms, products: count('SELECT count(*) AS n FROM products'), barcodes: count('SELECT count(*) AS n FROM barcodes') };
  } finally {
    backend.shutdown();
  }
}

/** Signs a new window in as the demo owner (whose permissions include everything the bench calls). */
export async function signInOwner(backend: Backend) {
  const client = backend.newClient();
  const picker = await backend.call(client, 'users.picker', {});
  if (!picker.ok) throw new Error(JSON.stringify(picker.error));
  const owner = (picker.value as { id: string; role: string }[]).find((u) => u.role === 'owner');
  const res = await backend.call(client, 'users.signIn', { userId: owner?.id, secret: demoUser('owner').password });
  if (!res.ok) throw new Error(`owner sign-in failed: ${JSON.stringify(res.error)}`);
  return client;
}
