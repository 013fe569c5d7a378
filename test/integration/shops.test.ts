import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent, ClientState } from '../../shop/api/define';
import { DEFAULT_ROLE_PERMISSIONS, ROLES } from '../../shop/users/permissions';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

let env: ReturnType<typeof tempBackend>;
let events: BackendEvent[];

const { call, ok } = callsOn(() => env.backend);
const count = (table: string) => (env.backend.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const NEW_SHOP = {
  mode: 'new',
  shop: { name: 'Lale', currency: 'KZT', language: 'kk', country: 'KZ', address: 'Abay 10, Almaty', phone: '+7 727 000 00 00' },
  owner: { name: 'Aigerim', password: 'steppe-tulip-9', language: 'kk' },
} as const;

beforeEach(() => {
  env = tempBackend();
  events = [];
  env.backend.onEvent((e) => events.push(e));
});
afterEach(() => env.dispose());

describe('first-run setup', () => {
  it('creates the shop and its owner, signs the owner in here, seeds the permission table and audits it', async () => {
    const client = env.backend.newClient();
    expect((await ok(client, 'system.status')).setupDone).toBe(false);
    expect(await ok(client, 'users.picker')).toEqual([]);

    const result = await ok(client, 'shops.setup', NEW_SHOP);
    expect(result.session).toMatchObject({ name: 'Aigerim', role: 'owner', language: 'kk' });
    expect(client.userId).toBe(result.session?.userId);
    expect(await ok(client, 'system.status')).toMatchObject({ setupDone: true, session: { userId: client.userId } });
    expect(await ok(client, 'shops.get')).toMatchObject({ id: result.shopId, name: 'Lale', currency: 'KZT', country: 'KZ', taxId: null });

    for (const role of ROLES) {
      const rows = env.backend.db.prepare(`SELECT permission FROM role_permissions WHERE role = ?`).all(role) as { permission: string }[];
      expect(rows.map((r) => r.permission).sort()).toEqual([...DEFAULT_ROLE_PERMISSIONS[role]].sort());
    }
    const audit = env.backend.db.prepare(`SELECT action, shop_id FROM audit_log ORDER BY rowid`).all() as { action: string; shop_id: string }[];
    expect(audit.map((a) => a.action)).toEqual(['shops.setup', 'users.create', 'users.signIn']);
    expect(audit.every((a) => a.shop_id === result.shopId)).toBe(true);
    expect(events).toEqual(expect.arrayContaining([{ type: 'shop.changed' }, { type: 'users.changed' }]));
  });

  it('is refused once a shop exists, in either mode, from any window', async () => {
    await ok(env.backend.newClient(), 'shops.setup', NEW_SHOP);
    const other = env.backend.newClient();
    for (const input of [NEW_SHOP, { mode: 'demo', language: 'ru' }]) {
      expect(await call(other, 'shops.setup', input)).toEqual({ ok: false, error: { code: 'conflict', messageKey: 'errors:shops.alreadySetUp' } });
    }
    expect(other.userId).toBeNull();
    expect(count('shops')).toBe(1);
  });

  it('rejects bad setup input with the field, and writes nothing', async () => {
    const client = env.backend.newClient();
    const cases: [unknown, string, string][] = [
      [{ ...NEW_SHOP, owner: { ...NEW_SHOP.owner, password: 'short' } }, 'owner.password', 'errors:users.passwordTooShort'],
      [{ ...NEW_SHOP, shop: { ...NEW_SHOP.shop, currency: 'BTC' } }, 'shop.currency', 'errors:validation.invalid_value'],
      [{ ...NEW_SHOP, shop: { ...NEW_SHOP.shop, country: 'Kazakhstan' } }, 'shop.country', 'errors:shops.countryInvalid'],
      [{ ...NEW_SHOP, shop: { ...NEW_SHOP.shop, phone: 'call me' } }, 'shop.phone', 'errors:shops.phoneInvalid'],
      [{ ...NEW_SHOP, shop: { ...NEW_SHOP.shop, name: 'x'.repeat(100_000) } }, 'shop.name', 'errors:validation.too_big'],
      [{ ...NEW_SHOP, admin: true }, '', 'errors:validation.unrecognized_keys'],
    ];
    for (const [input, field, messageKey] of cases) {
      const res = await call(client, 'shops.setup', input);
      expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', messageKey } });
      if (field && !res.ok) expect(res.error.field).toBe(field);
    }
    expect(await call(client, 'shops.setup', { mode: 'chain' })).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'mode' } });
    expect(count('shops') + count('users') + count('audit_log') + count('role_permissions')).toBe(0);
    // the only setting is the database's own start-up check record (db/open.ts)
    expect(env.backend.db.prepare('SELECT key FROM app_settings').pluck().all()).toEqual(['db.last_full_check']);
  });

  it('opens the demo shop: people for every role, products, clients; nobody signed in yet', async () => {
    const client = env.backend.newClient();
    const result = await ok(client, 'shops.setup', { mode: 'demo', language: 'ka' });
    expect(result.session).toBeNull();
    expect(client.userId).toBeNull();
    const picker = await ok(client, 'users.picker');
    expect(new Set(picker.map((u) => u.role))).toEqual(new Set(ROLES));
    expect(count('products')).toBeGreaterThanOrEqual(150);
    expect(count('clients')).toBeGreaterThan(0);
    const audit = env.backend.db.prepare(`SELECT action, entity_id, details FROM audit_log WHERE action = 'shops.setup'`).all() as {
      entity_id: string;
      details: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]?.entity_id).toBe(result.shopId);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ mode: 'demo', language: 'ka' });
    expect(events).toEqual(expect.arrayContaining([{ type: 'catalog.changed' }]));
  });
});

describe('shop settings', () => {
  let owner: ClientState;
  beforeEach(async () => {
    owner = env.backend.newClient();
    await ok(owner, 'shops.setup', NEW_SHOP);
  });

  it('the owner edits the settings; clearing works with null or an empty string; audited with before and after', async () => {
    events.length = 0;
    const shop = await ok(owner, 'shops.update', { name: 'Lale & Co', taxId: ' 123456789012 ', address: null, phone: '' });
    expect(shop).toMatchObject({ name: 'Lale & Co', taxId: '123456789012', address: null, phone: null, country: 'KZ', currency: 'KZT' });
    expect(await ok(owner, 'shops.get')).toEqual(shop);
    expect(events).toEqual([{ type: 'shop.changed' }]);
    const row = env.backend.db.prepare(`SELECT details FROM audit_log WHERE action = 'shops.update'`).get() as { details: string };
    expect(JSON.parse(row.details)).toEqual({
      name: { before: 'Lale', after: 'Lale & Co' },
      tax_id: { before: null, after: '123456789012' },
      address: { before: 'Abay 10, Almaty', after: null },
      phone: { before: '+7 727 000 00 00', after: null },
    });
  });

  it('the counter rules: cash rounding, negative stock and the receipt footer', async () => {
    const shop = await ok(owner, 'shops.update', { cashRounding: 500, allowNegativeStock: true, receiptFooter: ' Thank you! ' });
    expect(shop).toMatchObject({ cashRounding: 500, allowNegativeStock: true, receiptFooter: 'Thank you!' });
    expect(await ok(owner, 'shops.get')).toEqual(shop);
    expect(await call(owner, 'shops.update', { cashRounding: 0 })).toMatchObject({ error: { code: 'invalid_input', field: 'cashRounding' } });
    expect(await ok(owner, 'shops.update', { receiptFooter: null, allowNegativeStock: false })).toMatchObject({
      receiptFooter: null,
      allowNegativeStock: false,
      cashRounding: 500,
    });
  });

  it('the currency may change only while no product has a price in it', async () => {
    expect(await ok(owner, 'shops.update', { currency: 'USD' })).toMatchObject({ currency: 'USD' });
    const at = new Date().toISOString();
    env.backend.db
      .prepare(`INSERT INTO products (id, kind, unit, price, created_at, updated_at) VALUES (?, 'cut_flower', 'stem', 250, ?, ?)`)
      .run('0190d000-0000-7000-8000-000000000001', at, at);
    expect(await call(owner, 'shops.update', { currency: 'KZT', name: 'Renamed' })).toEqual({
      ok: false,
      error: { code: 'conflict', messageKey: 'errors:shops.currencyLocked', field: 'currency' },
    });
    expect(await ok(owner, 'shops.get')).toMatchObject({ currency: 'USD', name: 'Lale' });
    // Repeating the current currency is not a change.
    expect(await ok(owner, 'shops.update', { currency: 'USD', language: 'ru' })).toMatchObject({ currency: 'USD', language: 'ru' });
  });

  it('a cashier can read the shop but not change it', async () => {
    const { id } = await ok(owner, 'users.create', { name: 'Dana', role: 'cashier', language: 'kk', secret: '5555' });
    const till = env.backend.newClient();
    await ok(till, 'users.signIn', { userId: id, secret: '5555' });
    expect(await ok(till, 'shops.get')).toMatchObject({ name: 'Lale' });
    expect(await call(till, 'shops.update', { name: 'Mine' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
