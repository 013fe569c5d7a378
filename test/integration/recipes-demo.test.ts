import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { LANGUAGES, language } from '../../shop/api/schemas';
import { seedDemoShop } from '../../shop/demo/seed';
import { seedRecipesDemo } from '../../shop/demo/recipes';
import { tempBackend } from '../helpers/tempBackend';

/** The demo shop's recipes: pricing rules per currency, five recipes of three sizes, named in the shop's language, fast. */
const testHandlers = {
  ...handlers,
  'test.seed': handler({
    access: 'public',
    input: z.object({ language }),
    run(ctx, i) {
      // The demo shop seeds its recipes itself; timed again here inside a savepoint that is rolled back.
      seedDemoShop(ctx, { language: i.language });
      ctx.db.exec('SAVEPOINT timing');
      const started = performance.now();
      const seeded = seedRecipesDemo(ctx);
      const ms = performance.now() - started;
      ctx.db.exec('ROLLBACK TO timing; RELEASE timing');
      return { ...seeded, ms };
    },
  }),
} satisfies HandlerMap;

let env: ReturnType<typeof tempBackend> | undefined;
afterEach(() => env?.dispose());

const STEP = { en: 50, ka: 50, kk: 10_000, uz: 100_000, ru: 1_000 } as const;
const FIRST = { en: 'Classic red roses', ka: 'კლასიკა: წითელი ვარდები', kk: 'Классика: қызыл раушандар', uz: 'Bahorgi kayfiyat', ru: 'Белая свадьба' };

describe('seedRecipesDemo', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: five recipes of three sizes priced on the currency's step, in the shop's language`, async () => {
      env = tempBackend({ handlers: testHandlers, log: () => {}, printing: { autoStart: false } });
      const res = await env.backend.call(env.backend.newClient(), 'test.seed', { language: lang });
      expect(res.ok, JSON.stringify(res)).toBe(true);
      const value = (res as { value: { recipes: number; ms: number } }).value;
      expect(value.recipes).toBe(5);
      expect(value.ms).toBeLessThan(300);
      const db = env.backend.db;
      const rules = db.prepare('SELECT rounding_step, assembly_fee, fixed_addition FROM pricing_rules').get() as Record<string, number>;
      expect(rules.rounding_step).toBe(STEP[lang]);
      expect(rules.assembly_fee).toBeGreaterThan(0);
      const names = db.prepare('SELECT name FROM recipes ORDER BY name').pluck().all() as string[];
      expect(names).toHaveLength(5);
      expect(names).toContain(FIRST[lang]);
      const bouquets = db
        .prepare(
          `SELECT p.price, n.name, v.size FROM recipe_variants v JOIN products p ON p.id = v.product_id
             JOIN product_names n ON n.product_id = p.id AND n.lang = ? ORDER BY n.name`,
        )
        .all(lang) as { price: number; name: string; size: string }[];
      expect(bouquets).toHaveLength(15);
      for (const b of bouquets) {
        expect(b.price % STEP[lang]).toBe(0);
        expect(b.price).toBeGreaterThan(0);
        expect(b.name).toMatch(/ · [SML]$/);
      }
      // a larger size never costs less than a smaller one
      const byRecipe = db
        .prepare(
          `SELECT v.recipe_id, v.size, p.price FROM recipe_variants v JOIN products p ON p.id = v.product_id
            ORDER BY v.recipe_id, CASE v.size WHEN 'small' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`,
        )
        .all() as { recipe_id: string; price: number }[];
      for (let i = 0; i < byRecipe.length; i += 3) {
        expect(byRecipe[i]!.price).toBeLessThan(byRecipe[i + 1]!.price);
        expect(byRecipe[i + 1]!.price).toBeLessThan(byRecipe[i + 2]!.price);
      }
    });
  }
});
