import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { handler, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { language } from '../../shop/api/schemas';
import { seedDemoShop } from '../../shop/demo/seed';
import { tempBackend } from '../helpers/tempBackend';

/** The demo's bouquets already made: written with the demo shop in one transaction, quickly, and within its stock. */
let env: ReturnType<typeof tempBackend> | undefined;
afterEach(() => env?.dispose());

const testHandlers = {
  ...handlers,
  'test.seed': handler({
    access: 'public',
    input: z.object({ language }),
    run(ctx, i) {
      // seedDemoShop calls seedAssemblyDemo after the recipes.
      seedDemoShop(ctx, i);
      return { assemblies: ctx.db.prepare('SELECT count(*) FROM assemblies').pluck().get() as number };
    },
  }),
} satisfies HandlerMap;

describe('seedAssemblyDemo', () => {
  for (const lang of ['en', 'ru', 'uz'] as const) {
    it(`makes a few batches from the demo recipes, one substituted (${lang})`, async () => {
      env = tempBackend({ handlers: testHandlers, printing: { autoStart: false } });
      const res = await env.backend.call(env.backend.newClient(), 'test.seed', { language: lang });
      expect(res.ok, JSON.stringify(res)).toBe(true);
      const value = (res as { ok: true; value: { assemblies: number } }).value;
      expect(value.assemblies).toBe(3);
      const db = env.backend.db;
      expect(db.prepare("SELECT count(*) FROM users u JOIN assemblies a ON a.user_id = u.id WHERE u.role = 'florist'").pluck().get()).toBe(3);
      const substituted = db
        .prepare('SELECT count(DISTINCT assembly_id) FROM assembly_components WHERE recipe_quantity <> actual_quantity')
        .pluck()
        .get();
      expect(substituted).toBe(1);
      expect(db.prepare('SELECT count(*) FROM lot_balances WHERE quantity < 0').pluck().get()).toBe(0);
      expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'assembly.made' AND user_id IS NOT NULL").pluck().get()).toBe(3);
    });
  }
});
