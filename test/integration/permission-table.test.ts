import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import type { ApiResult } from '../../shop/api/errors';
import { handlers } from '../../shop/api/handlers';
import { createShop } from '../../shop/shops/setup';
import { createUser } from '../../shop/users/accounts';
import { DEFAULT_ROLE_PERMISSIONS, PASSWORD_ROLES, PERMISSIONS, ROLES, type Permission, type Role } from '../../shop/users/permissions';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Every handler in the real map, called as every role and signed out, against the permission table.
 * It iterates the map, so handlers added later are covered without touching this file.
 */
const METHODS = Object.keys(handlers).sort();
const api: HandlerMap = handlers;
const accessOf = (method: string) => api[method]?.access;

const SETUP = '__test.setup';
const CATALOG_PROBE = '__test.catalogView';
const probes = {
  // Creates the shop and one user per role through the same domain functions the demo seed uses.
  [SETUP]: handler({
    access: 'public',
    input: z.object({}),
    run: (ctx) => {
      const shopId = createShop(ctx, { name: 'Matrix', currency: 'GEL', language: 'en' });
      return Object.fromEntries(
        ROLES.map((role) => [
          role,
          createUser(ctx, {
            shopId,
            name: `${role} person`,
            role,
            language: 'en',
            ...(PASSWORD_ROLES.includes(role) ? { password: `${role}-password` } : { pin: '1234' }),
          }),
        ]),
      ) as Record<Role, string>;
    },
  }),
  // Stands in for a catalog.view method if the catalog ever has none.
  [CATALOG_PROBE]: handler({ access: 'catalog.view', input: z.object({}), run: () => 'seen' }),
} satisfies HandlerMap;

let env: ReturnType<typeof tempBackend>;
let userIds: Record<Role, string>;

beforeAll(async () => {
  env = tempBackend({ handlers: { ...handlers, ...probes }, log: () => {} });
  const res = await env.backend.call(env.backend.newClient(), SETUP, {});
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  userIds = res.value as Record<Role, string>;
});
afterAll(() => env.dispose());

/** A client signed in as the role's user, reset before every call (users.signOut would otherwise end the session). */
async function callAs(role: Role | null, method: string, input: unknown = {}): Promise<ApiResult<unknown>> {
  const client: ClientState = env.backend.newClient();
  client.userId = role === null ? null : userIds[role];
  return env.backend.call(client, method, input);
}

function expectation(method: string, held: ReadonlySet<Permission> | null): 'not_signed_in' | 'forbidden' | 'allowed' {
  const access = accessOf(method);
  if (access === 'public') return 'allowed';
  if (held === null) return 'not_signed_in';
  if (access === 'signedIn') return 'allowed';
  return access !== undefined && held.has(access) ? 'allowed' : 'forbidden';
}

function tableOf(grant: (role: Role) => readonly Permission[]): Record<Role, ReadonlySet<Permission>> {
  const table = {} as Record<Role, ReadonlySet<Permission>>;
  for (const role of ROLES) table[role] = new Set(grant(role));
  return table;
}

async function checkMatrix(table: Record<Role, ReadonlySet<Permission>>) {
  const mismatches: string[] = [];
  for (const role of [...ROLES, null]) {
    for (const method of METHODS) {
      const res = await callAs(role, method);
      const got = res.ok ? 'ok' : res.error.code;
      const want = expectation(method, role === null ? null : table[role]);
      const fine =
        got !== 'internal' &&
        got !== 'unknown_method' &&
        (want === 'allowed' ? got !== 'forbidden' && got !== 'not_signed_in' : got === want);
      if (!fine) mismatches.push(`${role ?? 'signed out'} → ${method} (${String(accessOf(method))}): got ${got}, want ${want}`);
    }
  }
  expect(mismatches).toEqual([]);
}

describe('permission table', () => {
  it('every handler declares who may call it', () => {
    expect(METHODS.length).toBeGreaterThan(10);
    for (const method of METHODS) {
      const access = accessOf(method);
      expect(access === 'public' || access === 'signedIn' || (PERMISSIONS as readonly string[]).includes(access ?? ''), method).toBe(true);
      expect(method).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
  });

  it('every role, and a signed-out window, against every handler with the default table', async () => {
    await checkMatrix(tableOf((role) => (role === 'owner' ? PERMISSIONS : DEFAULT_ROLE_PERMISSIONS[role])));
  });

  it('follows the owner’s edits of the table, at once', async () => {
    // Each non-owner role gets a different slice of the permissions, so every permission is both granted and withheld.
    const others: Role[] = ROLES.filter((r) => r !== 'owner');
    const slice = (role: Role) => PERMISSIONS.filter((_, j) => (others.indexOf(role) + j) % 2 === 0);
    for (const role of others) {
      const res = await callAs('owner', 'roles.setPermissions', { role, permissions: slice(role) });
      expect(res.ok, JSON.stringify(res)).toBe(true);
    }
    await checkMatrix(tableOf((role) => (role === 'owner' ? PERMISSIONS : slice(role))));
    for (const role of others) {
      expect(await callAs('owner', 'roles.setPermissions', { role, permissions: DEFAULT_ROLE_PERMISSIONS[role] })).toMatchObject({ ok: true });
    }
  });

  it('a cashier loses catalog.view in the same window the moment the owner removes it', async () => {
    const method = METHODS.find((m) => accessOf(m) === 'catalog.view') ?? CATALOG_PROBE;
    const till = env.backend.newClient();
    till.userId = userIds.cashier;
    expect((await env.backend.call(till, method, {})) as ApiResult<unknown>).not.toMatchObject({ error: { code: 'forbidden' } });

    const owner = env.backend.newClient();
    owner.userId = userIds.owner;
    const without = DEFAULT_ROLE_PERMISSIONS.cashier.filter((p) => p !== 'catalog.view');
    expect(await env.backend.call(owner, 'roles.setPermissions', { role: 'cashier', permissions: without })).toMatchObject({ ok: true });

    expect(await env.backend.call(till, method, {})).toMatchObject({ ok: false, error: { code: 'forbidden', params: { permission: 'catalog.view' } } });
    expect(till.userId).toBe(userIds.cashier); // still signed in, just refused
    await env.backend.call(owner, 'roles.setPermissions', { role: 'cashier', permissions: DEFAULT_ROLE_PERMISSIONS.cashier });
    expect(await env.backend.call(till, method, {})).not.toMatchObject({ error: { code: 'forbidden' } });
  });
});
