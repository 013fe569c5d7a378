import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent, ClientState } from '../../shop/api/define';
import { LANGUAGES } from '../../shop/api/schemas';
import { LOCKOUT_MS, MAX_FAILED_SIGN_INS } from '../../shop/users/signIn';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

const ROOT = join(__dirname, '../..');
const OWNER_PASSWORD = 'rose-garden-1';
const MANAGER_PASSWORD = 'tulip-field-2';
const CASHIER_PIN = '2468';

let env: ReturnType<typeof tempBackend>;
let clock: Date;
let events: BackendEvent[];
let owner: ClientState;
let ids: { owner: string; manager: string; cashier: string };

const { call, ok } = callsOn(() => env.backend);
function auditActions(entityId?: string): string[] {
  const rows = env.backend.db
    .prepare(`SELECT action FROM audit_log WHERE (? IS NULL OR entity_id = ?) ORDER BY rowid`)
    .all(entityId ?? null, entityId ?? null) as { action: string }[];
  return rows.map((r) => r.action);
}
function userRow(id: string) {
  return env.backend.db.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as {
    failed_attempts: number;
    locked_until: string | null;
    pin_hash: string | null;
    password_hash: string | null;
    archived: number;
  };
}

beforeEach(async () => {
  clock = new Date('2026-03-08T09:00:00.000Z');
  env = tempBackend({ now: () => clock });
  events = [];
  env.backend.onEvent((e) => events.push(e));
  owner = env.backend.newClient();
  const setup = await ok(owner, 'shops.setup', {
    mode: 'new',
    shop: { name: 'Vardebi', currency: 'GEL', language: 'ka', country: 'GE' },
    owner: { name: 'Nino', password: OWNER_PASSWORD, language: 'ka' },
  });
  const manager = await ok(owner, 'users.create', { name: 'Giorgi', role: 'manager', language: 'ru', secret: MANAGER_PASSWORD });
  const cashier = await ok(owner, 'users.create', { name: 'Ana', role: 'cashier', language: 'en', secret: CASHIER_PIN });
  if (!setup.session) throw new Error('setup did not sign the owner in');
  ids = { owner: setup.session.userId, manager: manager.id, cashier: cashier.id };
});
afterEach(() => env.dispose());

describe('sign-in', () => {
  it('signs a cashier in by PIN and a manager by password, and audits both', async () => {
    const till = env.backend.newClient();
    const session = await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    expect(session).toMatchObject({ userId: ids.cashier, name: 'Ana', role: 'cashier', language: 'en', permissions: ['catalog.view', 'clients.view', 'journal.view', 'sales.sell', 'shifts.manage', 'stock.count', 'stock.receive'] });
    expect((await ok(till, 'system.status')).session).toEqual(session);
    expect(till.userId).toBe(ids.cashier);

    const office = env.backend.newClient();
    expect(await ok(office, 'users.signIn', { userId: ids.manager, secret: MANAGER_PASSWORD })).toMatchObject({ role: 'manager' });
    expect(auditActions(ids.cashier)).toContain('users.signIn');
    expect(auditActions(ids.manager)).toContain('users.signIn');
  });

  it('stores only salted hashes, of the kind the role uses', () => {
    const cashier = userRow(ids.cashier);
    expect(cashier.password_hash).toBeNull();
    expect(cashier.pin_hash).toMatch(/^scrypt\$/);
    expect(cashier.pin_hash).not.toContain(CASHIER_PIN);
    expect(userRow(ids.manager).pin_hash).toBeNull();
  });

  it('the picker lists active users with how they sign in, and never a hash', async () => {
    const picker = await ok(env.backend.newClient(), 'users.picker');
    expect(picker).toHaveLength(3);
    expect(picker.find((u) => u.id === ids.cashier)).toEqual({ id: ids.cashier, name: 'Ana', role: 'cashier', signInWith: 'pin', locked: false });
    expect(picker.find((u) => u.id === ids.owner)?.signInWith).toBe('password');
    expect(JSON.stringify(picker)).not.toMatch(/scrypt|hash/);
  });

  it('refuses a wrong secret, counts it, and commits the audit entry', async () => {
    const till = env.backend.newClient();
    const res = await call(till, 'users.signIn', { userId: ids.cashier, secret: '0000' });
    expect(res).toEqual({
      ok: false,
      error: { code: 'bad_credentials', messageKey: 'errors:users.badPin', field: 'secret', params: { left: MAX_FAILED_SIGN_INS - 1 } },
    });
    expect(till.userId).toBeNull();
    expect(userRow(ids.cashier).failed_attempts).toBe(1);
    expect(auditActions(ids.cashier)).toEqual(['users.create', 'users.signInFailed']);

    const pw = await call(till, 'users.signIn', { userId: ids.manager, secret: 'not-the-password' });
    expect(pw).toMatchObject({ ok: false, error: { code: 'bad_credentials', messageKey: 'errors:users.badPassword' } });
  });

  it('refuses unknown and archived users without writing', async () => {
    await ok(owner, 'users.archive', { id: ids.cashier });
    const before = auditActions().length;
    for (const userId of [ids.cashier, '01890000-0000-7000-8000-000000000000']) {
      expect(await call(env.backend.newClient(), 'users.signIn', { userId, secret: CASHIER_PIN })).toMatchObject({
        ok: false,
        error: { code: 'not_found', field: 'userId' },
      });
    }
    expect(auditActions().length).toBe(before);
  });

  it(`locks a user out after ${MAX_FAILED_SIGN_INS} failures for the lockout time, then lets them in`, async () => {
    const till = env.backend.newClient();
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
      expect(await call(till, 'users.signIn', { userId: ids.cashier, secret: '1111' })).toMatchObject({ error: { code: 'bad_credentials' } });
    }
    const locked = await call(till, 'users.signIn', { userId: ids.cashier, secret: '1111' });
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked_out', messageKey: 'errors:users.lockedOut', params: { minutes: 5 } } });
    expect(events).toContainEqual({ type: 'users.changed' });
    expect((await ok(till, 'users.picker')).find((u) => u.id === ids.cashier)?.locked).toBe(true);

    // Even the right PIN is refused while locked, and the attempt is recorded.
    clock = new Date(clock.getTime() + LOCKOUT_MS - 1000);
    expect(await call(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN })).toMatchObject({
      error: { code: 'locked_out', params: { minutes: 1 } },
    });
    expect(till.userId).toBeNull();

    clock = new Date(clock.getTime() + 1000);
    expect(await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN })).toMatchObject({ userId: ids.cashier });
    expect(userRow(ids.cashier)).toMatchObject({ failed_attempts: 0, locked_until: null });
    expect(auditActions(ids.cashier)).toEqual([
      'users.create',
      ...Array<string>(MAX_FAILED_SIGN_INS).fill('users.signInFailed'),
      'users.lockedOut',
      'users.signInWhileLocked',
      'users.signIn',
    ]);
  });

  it('resets the failure counter on success, so only consecutive failures lock', async () => {
    const till = env.backend.newClient();
    for (let round = 0; round < 3; round++) {
      for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
        expect(await call(till, 'users.signIn', { userId: ids.cashier, secret: '9999' })).toMatchObject({ error: { code: 'bad_credentials' } });
      }
      await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    }
    expect(userRow(ids.cashier).locked_until).toBeNull();
  });

  it('a lockout gives the full number of tries again once it expires', async () => {
    const till = env.backend.newClient();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await call(till, 'users.signIn', { userId: ids.cashier, secret: '9999' });
    clock = new Date(clock.getTime() + LOCKOUT_MS);
    const res = await call(till, 'users.signIn', { userId: ids.cashier, secret: '9999' });
    expect(res).toMatchObject({ error: { code: 'bad_credentials', params: { left: MAX_FAILED_SIGN_INS - 1 } } });
  });

  it('each lockout in a row lasts twice as long, up to an hour; a success starts over', async () => {
    const till = env.backend.newClient();
    const lockedFor: number[] = [];
    for (let round = 0; round < 6; round++) {
      let res: Awaited<ReturnType<typeof call>> | undefined;
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) res = await call(till, 'users.signIn', { userId: ids.cashier, secret: '9999' });
      expect(res).toMatchObject({ error: { code: 'locked_out' } });
      const until = (env.backend.db.prepare('SELECT locked_until FROM users WHERE id = ?').pluck().get(ids.cashier) as string);
      lockedFor.push((Date.parse(until) - clock.getTime()) / 60_000);
      clock = new Date(Date.parse(until) + 1);
    }
    expect(lockedFor).toEqual([5, 10, 20, 40, 60, 60]);
    await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    await ok(till, 'users.signOut', {});
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await call(till, 'users.signIn', { userId: ids.cashier, secret: '9999' });
    const until = env.backend.db.prepare('SELECT locked_until FROM users WHERE id = ?').pluck().get(ids.cashier) as string;
    expect((Date.parse(until) - clock.getTime()) / 60_000).toBe(5);
  });

  it('switches user on the same window, audited as a switch; a failed switch keeps the current user', async () => {
    const till = env.backend.newClient();
    await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    expect(await call(till, 'users.signIn', { userId: ids.manager, secret: 'wrong-password' })).toMatchObject({ ok: false });
    expect((await ok(till, 'system.status')).session?.userId).toBe(ids.cashier);

    const session = await ok(till, 'users.signIn', { userId: ids.manager, secret: MANAGER_PASSWORD });
    expect(session.userId).toBe(ids.manager);
    const row = env.backend.db
      .prepare(`SELECT user_id, details FROM audit_log WHERE action = 'users.switch' AND entity_id = ?`)
      .get(ids.manager) as { user_id: string; details: string };
    expect(row.user_id).toBe(ids.manager); // the one who signed in acted; whom they replaced is in details
    expect(JSON.parse(row.details)).toEqual({ from: ids.cashier });
    expect(await ok(till, 'users.list')).toHaveLength(3);
  });

  it('an archived user is signed out at their next call', async () => {
    const till = env.backend.newClient();
    await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    expect(await ok(till, 'shops.get')).toMatchObject({ name: 'Vardebi' });
    await ok(owner, 'users.archive', { id: ids.cashier });
    expect(await call(till, 'shops.get')).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
    expect(till.userId).toBeNull();
    expect((await ok(till, 'system.status')).session).toBeNull();
    expect((await ok(till, 'users.picker')).map((u) => u.id)).not.toContain(ids.cashier);
  });

  it('signs out, and sets the signed-in user’s own language', async () => {
    const till = env.backend.newClient();
    await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    expect(await ok(till, 'users.setLanguage', { language: 'uz' })).toMatchObject({ userId: ids.cashier, language: 'uz' });
    expect((await ok(till, 'system.status')).session?.language).toBe('uz');
    expect(await ok(till, 'users.signOut')).toBeNull();
    expect(till.userId).toBeNull();
    expect(await call(till, 'users.setLanguage', { language: 'ru' })).toMatchObject({ error: { code: 'not_signed_in' } });
    expect(auditActions(ids.cashier).slice(-2)).toEqual(['users.setLanguage', 'users.signOut']);
  });
});

describe('managing users', () => {
  async function signedIn(userId: string, secret: string) {
    const client = env.backend.newClient();
    await ok(client, 'users.signIn', { userId, secret });
    return client;
  }

  it('creates users with the secret their role needs', async () => {
    expect(await call(owner, 'users.create', { name: 'Lela', role: 'florist', language: 'ka', secret: 'abcdefgh' })).toMatchObject({
      error: { code: 'invalid_input', messageKey: 'errors:users.pinInvalid', field: 'secret' },
    });
    expect(await call(owner, 'users.create', { name: 'Dato', role: 'manager', language: 'ka', secret: '1234' })).toMatchObject({
      error: { code: 'invalid_input', messageKey: 'errors:users.passwordTooShort', field: 'secret', params: { min: 8 } },
    });
    expect(await call(owner, 'users.create', { name: ' ana ', role: 'courier', language: 'ka', secret: '1234' })).toMatchObject({
      error: { code: 'conflict', messageKey: 'errors:users.nameTaken', field: 'name' },
    });
    expect(await call(owner, 'users.create', { name: 'Lela', role: 'florist', language: 'ka', secret: '1234', extra: 1 })).toMatchObject({
      error: { code: 'invalid_input' },
    });
    const { id } = await ok(owner, 'users.create', { name: 'Lela', role: 'florist', language: 'ka', secret: '13579' });
    expect(await ok(env.backend.newClient(), 'users.signIn', { userId: id, secret: '13579' })).toMatchObject({ role: 'florist' });
  });

  it('a manager resets a cashier’s PIN, which also lifts a lockout', async () => {
    const till = env.backend.newClient();
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await call(till, 'users.signIn', { userId: ids.cashier, secret: '0000' });
    const manager = await signedIn(ids.manager, MANAGER_PASSWORD);
    await ok(manager, 'users.setSecret', { id: ids.cashier, secret: '8642' });
    expect(await ok(till, 'users.signIn', { userId: ids.cashier, secret: '8642' })).toMatchObject({ userId: ids.cashier });
    expect(await call(env.backend.newClient(), 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN })).toMatchObject({ ok: false });
    expect(auditActions(ids.cashier)).toContain('users.setSecret');
  });

  it('only an owner manages owners; a manager manages only roles below theirs', async () => {
    const manager = await signedIn(ids.manager, MANAGER_PASSWORD);
    expect(await call(manager, 'users.setSecret', { id: ids.owner, secret: 'taken-over-1' })).toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:users.ownerOnly' },
    });
    expect(await call(manager, 'users.update', { id: ids.cashier, role: 'owner', secret: 'promoted-123' })).toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:users.ownerOnly' },
    });
    expect(await call(manager, 'users.create', { name: 'Boss', role: 'owner', language: 'en', secret: 'boss-pass-1' })).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(await call(manager, 'users.create', { name: 'Second', role: 'manager', language: 'en', secret: 'second-pass' })).toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:users.roleTooHigh' },
    });
    expect(await call(manager, 'users.archive', { id: ids.owner })).toMatchObject({ error: { code: 'forbidden' } });
    // What a manager may do:
    await ok(manager, 'users.update', { id: ids.cashier, name: 'Ana K.' });
    await ok(manager, 'users.create', { name: 'Temo', role: 'courier', language: 'ka', secret: '4321' });
    // Their own password, too.
    await ok(manager, 'users.setSecret', { id: ids.manager, secret: 'new-manager-pass' });
  });

  it('nobody archives themselves, and the last active owner stays', async () => {
    expect(await call(owner, 'users.archive', { id: ids.owner })).toMatchObject({ error: { code: 'conflict', messageKey: 'errors:users.cannotArchiveSelf' } });
    expect(await call(owner, 'users.update', { id: ids.owner, role: 'manager' })).toMatchObject({
      error: { code: 'conflict', messageKey: 'errors:users.lastOwner' },
    });
    const second = await ok(owner, 'users.create', { name: 'Tamar', role: 'owner', language: 'ka', secret: 'second-owner' });
    // With a second owner, the first may step down to manager (same sign-in kind: no new secret needed).
    await ok(owner, 'users.update', { id: ids.owner, role: 'manager' });
    const tamar = await signedIn(second.id, 'second-owner');
    expect(await call(tamar, 'users.update', { id: second.id, role: 'manager' })).toMatchObject({ error: { messageKey: 'errors:users.lastOwner' } });
    await ok(tamar, 'users.archive', { id: ids.owner });
    expect(userRow(ids.owner).archived).toBe(1);
    await ok(tamar, 'users.restore', { id: ids.owner });
    expect(userRow(ids.owner).archived).toBe(0);
  });

  it('a role change between PIN and password needs the new secret in the same call', async () => {
    expect(await call(owner, 'users.update', { id: ids.cashier, role: 'manager' })).toMatchObject({
      error: { code: 'invalid_input', messageKey: 'errors:users.passwordRequired', field: 'secret' },
    });
    await ok(owner, 'users.update', { id: ids.cashier, role: 'manager', secret: 'ana-manager-1' });
    expect(userRow(ids.cashier).pin_hash).toBeNull();
    expect(await ok(env.backend.newClient(), 'users.signIn', { userId: ids.cashier, secret: 'ana-manager-1' })).toMatchObject({ role: 'manager' });
    const row = env.backend.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'users.update' AND entity_id = ?`)
      .get(ids.cashier) as { details: string };
    expect(JSON.parse(row.details)).toMatchObject({ before: { role: 'cashier' }, after: { role: 'manager' }, secretChanged: true });
    expect(row.details).not.toContain('ana-manager-1');
  });

  it('restoring a user whose name was taken meanwhile is refused', async () => {
    await ok(owner, 'users.archive', { id: ids.cashier });
    await ok(owner, 'users.create', { name: 'ANA', role: 'cashier', language: 'en', secret: '1357' });
    expect(await call(owner, 'users.restore', { id: ids.cashier })).toMatchObject({ error: { code: 'conflict', messageKey: 'errors:users.nameTaken' } });
    const all = await ok(owner, 'users.list', { includeArchived: true });
    expect(all).toHaveLength(4);
    expect(await ok(owner, 'users.list')).toHaveLength(3);
  });
});

describe('roles', () => {
  it('lists every role with its permissions; the owner role is fixed', async () => {
    const { roles, permissions } = await ok(owner, 'roles.list');
    expect(permissions).toContain('roles.manage');
    expect(roles.find((r) => r.role === 'owner')).toEqual({ role: 'owner', fixed: true, permissions, maxDiscountBp: 10_000 });
    expect(roles.find((r) => r.role === 'cashier')).toMatchObject({
      permissions: ['catalog.view', 'sales.sell', 'shifts.manage', 'journal.view', 'clients.view', 'stock.receive', 'stock.count'],
      maxDiscountBp: 1000,
    });
    expect(await call(owner, 'roles.setPermissions', { role: 'owner', permissions: [] })).toMatchObject({
      error: { code: 'conflict', messageKey: 'errors:users.ownerRoleFixed' },
    });
    expect(await call(owner, 'roles.setPermissions', { role: 'cashier', permissions: ['catalog.view', 'rule.world'] })).toMatchObject({
      error: { code: 'invalid_input', field: 'permissions.1' },
    });
  });

  it('a permission change takes effect at once, is audited with before and after, and is announced', async () => {
    const till = env.backend.newClient();
    await ok(till, 'users.signIn', { userId: ids.cashier, secret: CASHIER_PIN });
    expect(await call(till, 'audit.list')).toMatchObject({ error: { code: 'forbidden' } });
    events.length = 0;
    await ok(owner, 'roles.setPermissions', { role: 'cashier', permissions: ['audit.view', 'catalog.view', 'audit.view'] });
    expect(events).toEqual([{ type: 'roles.changed' }]);
    const log = await ok(till, 'audit.list', { actionPrefix: 'roles.' });
    expect(log.entries[0]).toMatchObject({
      action: 'roles.setPermissions',
      userName: 'Nino',
      entityId: 'cashier',
      details: {
        before: ['catalog.view', 'sales.sell', 'shifts.manage', 'journal.view', 'clients.view', 'stock.receive', 'stock.count'],
        after: ['catalog.view', 'audit.view'],
      },
    });
  });

  it('discount limits per role: the owner sets them, a manager only below their own and never their own', async () => {
    expect(await ok(owner, 'roles.setDiscountLimit', { role: 'cashier', maxDiscountBp: 1500 })).toEqual({ role: 'cashier', maxDiscountBp: 1500 });
    expect((await ok(owner, 'roles.list')).roles.find((r) => r.role === 'cashier')?.maxDiscountBp).toBe(1500);
    expect(await call(owner, 'roles.setDiscountLimit', { role: 'owner', maxDiscountBp: 0 })).toMatchObject({ error: { messageKey: 'errors:users.ownerRoleFixed' } });
    expect(await call(owner, 'roles.setDiscountLimit', { role: 'cashier', maxDiscountBp: 10_001 })).toMatchObject({ error: { code: 'invalid_input', field: 'maxDiscountBp' } });
    const log = await ok(owner, 'audit.list', { actionPrefix: 'roles.setDiscountLimit' });
    expect(log.entries[0]).toMatchObject({ entityId: 'cashier', details: { before: 1000, after: 1500 } });

    await ok(owner, 'roles.setPermissions', { role: 'manager', permissions: ['catalog.view', 'roles.manage'] });
    const office = env.backend.newClient();
    await ok(office, 'users.signIn', { userId: ids.manager, secret: MANAGER_PASSWORD });
    expect(await call(office, 'roles.setDiscountLimit', { role: 'manager', maxDiscountBp: 9000 })).toMatchObject({ error: { messageKey: 'errors:users.ownRoleFixed' } });
    expect(await call(office, 'roles.setDiscountLimit', { role: 'cashier', maxDiscountBp: 5000 })).toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:users.limitBeyondOwn', params: { percent: 30 } },
    });
    expect(await ok(office, 'roles.setDiscountLimit', { role: 'cashier', maxDiscountBp: 3000 })).toEqual({ role: 'cashier', maxDiscountBp: 3000 });
  });
  it('a manager the owner lets manage roles cannot widen their own role or grant what they lack', async () => {
    await ok(owner, 'roles.setPermissions', { role: 'manager', permissions: ['catalog.view', 'users.view', 'users.manage', 'roles.manage'] });
    const office = env.backend.newClient();
    await ok(office, 'users.signIn', { userId: ids.manager, secret: MANAGER_PASSWORD });
    expect(await call(office, 'roles.setPermissions', { role: 'manager', permissions: ['catalog.view', 'settings.manage'] })).toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:users.ownRoleFixed' },
    });
    expect(await call(office, 'roles.setPermissions', { role: 'cashier', permissions: ['catalog.view', 'audit.view'] })).toMatchObject({
      error: { code: 'forbidden', messageKey: 'errors:users.grantBeyondOwn', params: { permission: 'audit.view' } },
    });
    expect(await ok(office, 'roles.setPermissions', { role: 'cashier', permissions: ['catalog.view', 'users.view'] })).toEqual({
      role: 'cashier',
      permissions: ['catalog.view', 'users.view'],
    });
  });
});

describe('error messages of users, shops and audit', () => {
  it('every key the code uses has a text in all five languages, with the same {{params}}', () => {
    const sources = ['shop/users', 'shop/shops', 'shop/audit'].flatMap((dir) =>
      readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(ROOT, dir, f), 'utf8')),
    );
    const used = new Set(sources.flatMap((src) => [...src.matchAll(/errors:(users|shops|audit)\.([a-zA-Z]+)/g)].map((m) => `${m[1]}.${m[2]}`)));
    expect(used.size).toBeGreaterThan(20);
    const params = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const area of ['users', 'shops', 'audit']) {
      const en = JSON.parse(readFileSync(join(ROOT, 'locales/en/errors', `${area}.json`), 'utf8')) as Record<string, string>;
      for (const lang of LANGUAGES) {
        const texts = JSON.parse(readFileSync(join(ROOT, 'locales', lang, 'errors', `${area}.json`), 'utf8')) as Record<string, string>;
        expect(Object.keys(texts).sort(), `${lang}/${area}`).toEqual(Object.keys(en).sort());
        for (const [key, text] of Object.entries(texts)) {
          expect(params(text), `${lang}/${area}.${key}`).toEqual(params(en[key] ?? ''));
          if (lang !== 'en' && !/^[A-Z]{2}\b/.test(text)) expect(text, `${lang}/${area}.${key} is not translated`).not.toBe(en[key]);
        }
      }
      for (const key of used) if (key.startsWith(`${area}.`)) expect(en[key.slice(area.length + 1)], key).toBeTypeOf('string');
    }
  });
});
