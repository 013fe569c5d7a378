import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type HandlerMap } from '../../shop/api/define';
import { AppError } from '../../shop/api/errors';
import { RefusalAfterWrites } from '../../shop/api/dispatch';
import { tempBackend } from '../helpers/tempBackend';

const testHandlers = {
  'test.public': handler({ access: 'public', input: z.object({ n: z.number().int().max(10) }), run: (_ctx, i) => i.n * 2 }),
  'test.owner': handler({ access: 'roles.manage', input: z.object({}), run: () => 'secret' }),
  'test.writeThenFail': handler({
    access: 'public',
    input: z.object({ keep: z.boolean() }),
    run: (ctx, i) => {
      ctx.audit({ action: 'test.write' });
      ctx.emit({ type: 'users.changed' });
      const err = new AppError('conflict', 'errors:api.internal');
      throw i.keep ? new RefusalAfterWrites(err) : err;
    },
  }),
  'test.crash': handler({ access: 'public', input: z.object({}), run: () => { throw new Error('boom'); } }),
} satisfies HandlerMap;

describe('dispatcher', () => {
  let env: ReturnType<typeof tempBackend>;
  afterEach(() => env.dispose());
  const auditCount = () => (env.backend.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

  it('validates input and reports the field with a translation key', async () => {
    env = tempBackend({ handlers: testHandlers, log: () => {} });
    const client = env.backend.newClient();
    expect(await env.backend.call(client, 'test.public', { n: 2 })).toEqual({ ok: true, value: 4 });
    const bad = await env.backend.call(client, 'test.public', { n: 11 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', messageKey: 'errors:validation.too_big', field: 'n', params: { max: 10 } } });
    expect(await env.backend.call(client, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await env.backend.call(client, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses a permission-guarded handler before sign-in', async () => {
    env = tempBackend({ handlers: testHandlers });
    const res = await env.backend.call(env.backend.newClient(), 'test.owner', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });

  it('rolls back a failed handler, but keeps writes of a refusal that asks for it', async () => {
    env = tempBackend({ handlers: testHandlers });
    const events: string[] = [];
    env.backend.onEvent((e) => events.push(e.type));
    const client = env.backend.newClient();
    expect(await env.backend.call(client, 'test.writeThenFail', { keep: false })).toMatchObject({ ok: false });
    expect(auditCount()).toBe(0);
    expect(events).toEqual([]); // nothing was committed, so nothing is announced
    expect(await env.backend.call(client, 'test.writeThenFail', { keep: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(auditCount()).toBe(1);
    expect(events).toEqual(['users.changed']);
  });

  it('turns an unexpected exception into an internal error without crashing', async () => {
    const logged: unknown[] = [];
    env = tempBackend({ handlers: testHandlers, log: (e) => logged.push(e) });
    const res = await env.backend.call(env.backend.newClient(), 'test.crash', {});
    expect(res).toEqual({ ok: false, error: { code: 'internal', messageKey: 'errors:api.internal' } });
    expect(logged).toHaveLength(1);
  });
});
