import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientState } from '../../shop/api/define';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

let env: ReturnType<typeof tempBackend>;
let clock: Date;
let owner: ClientState;
let ownerId: string;
let cashier: ClientState;
let cashierId: string;

const { call, ok } = callsOn(() => env.backend);
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));
const LANGS = ['en', 'ru', 'ka', 'kk', 'uz'] as const;

beforeEach(async () => {
  clock = new Date('2026-05-01T08:00:00.000Z');
  env = tempBackend({ now: () => clock });
  owner = env.backend.newClient();
  const setup = await ok(owner, 'shops.setup', {
    mode: 'new',
    shop: { name: 'Gul', currency: 'UZS', language: 'uz' },
    owner: { name: 'Dilnoza', password: 'samarkand-77', language: 'uz' },
  });
  ownerId = setup.session?.userId ?? '';
  tick(60_000);
  cashierId = (await ok(owner, 'users.create', { name: 'Bekzod', role: 'cashier', language: 'uz', secret: '7777' })).id;
  cashier = env.backend.newClient();
  tick(60_000);
  await ok(cashier, 'users.signIn', { userId: cashierId, secret: '7777' });
  // 20 language changes by the cashier, several sharing one millisecond (the id breaks the tie).
  for (let i = 0; i < 20; i++) {
    if (i % 3 === 0) tick(60_000);
    await ok(cashier, 'users.setLanguage', { language: LANGS[i % LANGS.length] ?? 'en' });
  }
});
afterEach(() => env.dispose());

describe('audit.list', () => {
  it('lists newest first with who did it and whom it concerned', async () => {
    const { entries, nextCursor } = await ok(owner, 'audit.list');
    expect(nextCursor).toBeNull();
    expect(entries).toHaveLength(3 + 1 + 1 + 20);
    const ats = entries.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(entries[0]).toMatchObject({ action: 'users.setLanguage', userId: cashierId, userName: 'Bekzod', entity: 'user', entityName: 'Bekzod' });
    expect(entries.at(-1)).toMatchObject({ action: 'shops.setup', userName: null, entity: 'shop' });
    const created = entries.find((e) => e.action === 'users.create' && e.entityId === cashierId);
    expect(created).toMatchObject({ userId: ownerId, userName: 'Dilnoza', entityName: 'Bekzod', details: { name: 'Bekzod', role: 'cashier' } });
  });

  it('pages by cursor without gaps or repeats, even through entries of the same millisecond', async () => {
    const all = (await ok(owner, 'audit.list', { limit: 500 })).entries.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await ok(owner, 'audit.list', cursor === undefined ? { limit: 4 } : { limit: 4, cursor });
      seen.push(...res.entries.map((e) => e.id));
      if (res.nextCursor === null) break;
      cursor = res.nextCursor;
    }
    expect(seen).toEqual(all);
    // Entries written after the first page do not shift the later pages.
    const first = await ok(owner, 'audit.list', { limit: 5 });
    tick(60_000);
    await ok(cashier, 'users.setLanguage', { language: 'ka' });
    const second = await ok(owner, 'audit.list', { limit: 5, cursor: first.nextCursor ?? '' });
    expect(second.entries.map((e) => e.id)).toEqual(all.slice(5, 10));
  });

  it('filters by user, action prefix and time range', async () => {
    const byOwner = await ok(owner, 'audit.list', { userId: ownerId });
    expect(byOwner.entries.map((e) => e.action)).toEqual(['users.create', 'users.signIn']); // newest first
    const signIns = await ok(owner, 'audit.list', { actionPrefix: 'users.sign' });
    expect(signIns.entries.map((e) => e.action)).toEqual(['users.signIn', 'users.signIn']);
    // A prefix is literal: SQL wildcards in it match nothing.
    expect((await ok(owner, 'audit.list', { actionPrefix: 'users.%' })).entries).toEqual([]);
    expect((await ok(owner, 'audit.list', { actionPrefix: '_' })).entries).toEqual([]);

    const from = '2026-05-01T08:01:00.000Z';
    const to = '2026-05-01T10:02:00.000+02:00'; // 08:02Z, exclusive
    const window = await ok(owner, 'audit.list', { from, to });
    expect(window.entries.map((e) => e.action)).toEqual(['users.create']);
    expect(window.entries.every((e) => e.at >= from && e.at < '2026-05-01T08:02:00.000Z')).toBe(true);
  });

  it('rejects absurd paging and unknown cursors', async () => {
    expect(await call(owner, 'audit.list', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limit' } });
    expect(await call(owner, 'audit.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'limit' } });
    expect(await call(owner, 'audit.list', { from: 'yesterday' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'from' } });
    expect(await call(owner, 'audit.list', { cursor: '0190d000-0000-7000-8000-000000000001' })).toEqual({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors:audit.cursorUnknown', field: 'cursor' },
    });
  });

  it('is for those with audit.view: a manager by default, not a cashier', async () => {
    expect(await call(cashier, 'audit.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { id } = await ok(owner, 'users.create', { name: 'Malika', role: 'manager', language: 'uz', secret: 'manager-pass' });
    const office = env.backend.newClient();
    await ok(office, 'users.signIn', { userId: id, secret: 'manager-pass' });
    expect((await ok(office, 'audit.list', { limit: 1 })).entries[0]).toMatchObject({ action: 'users.signIn', entityName: 'Malika' });
  });

  it('the log cannot be rewritten', () => {
    expect(() => env.backend.db.prepare(`UPDATE audit_log SET action = 'nothing'`).run()).toThrow(/append-only/);
    expect(() => env.backend.db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);
  });
});
