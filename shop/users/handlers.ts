import { z } from 'zod';
import { handler, type CallContext, type Session } from '../api/define';
import { AppError } from '../api/errors';
import { id, language, shortText } from '../api/schemas';
import {
  activeOwnerCount,
  assertMayManage,
  assertNameFree,
  checkSecret,
  createUser,
  requireUser,
  secretColumns,
  type UserRow,
} from './accounts';
import { PERMISSIONS, ROLES, signInWith, type Role } from './permissions';
import { listRoles, setRoleDiscountLimit, setRolePermissions } from './roles';
import { loadSession, sessionSummary } from './session';
import { isLockedOut, signIn } from './signIn';

const role = z.enum(ROLES);
const userName = shortText(100);
// Checked against the role's rule (PIN or password) in accounts.ts, where the role is known.
const secret = z.string().min(1).max(200);

/** The signed-in user: guaranteed by the dispatcher for every non-public handler. */
function actor(ctx: CallContext): Session {
  if (!ctx.session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  return ctx.session;
}

function shopOf(ctx: CallContext): string {
  const shopId = ctx.shopId;
  if (shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return shopId;
}

function publicUser(u: UserRow, now: Date) {
  return {
    id: u.id,
    name: u.name,
    role: u.role,
    language: u.language,
    signInWith: signInWith(u.role),
    locked: isLockedOut(u, now),
    archived: u.archived === 1,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
  };
}

/** Refuses leaving a shop without an active owner, who alone can manage owners and roles. */
function assertNotLastOwner(ctx: CallContext, target: UserRow): void {
  if (target.role === 'owner' && target.archived === 0 && activeOwnerCount(ctx, target.shop_id) <= 1) {
    throw new AppError('conflict', 'errors:users.lastOwner');
  }
}

/** Archiving is how a user leaves: their history stays, they vanish from the picker and lose their session. */
function setArchived(ctx: CallContext, target: UserRow, archived: boolean) {
  ctx.db.prepare(`UPDATE users SET archived = ?, updated_at = ? WHERE id = ?`).run(archived ? 1 : 0, ctx.now().toISOString(), target.id);
  ctx.audit({ action: archived ? 'users.archive' : 'users.restore', entity: 'user', entityId: target.id, details: { name: target.name, role: target.role } });
  ctx.emit({ type: 'users.changed' });
  return { id: target.id };
}

export const usersHandlers = {
  /** Active users for the quick user picker, before anyone signs in: no hashes, no counters. */
  'users.picker': handler({
    access: 'public',
    input: z.object({}).strict(),
    run: (ctx) => {
      const shopId = ctx.shopId;
      if (shopId === null) return [];
      const now = ctx.now();
      const rows = ctx.db
        .prepare(`SELECT * FROM users WHERE shop_id = ? AND archived = 0 ORDER BY name COLLATE NOCASE, id`)
        .all(shopId) as UserRow[];
      return rows.map((u) => ({ id: u.id, name: u.name, role: u.role, signInWith: signInWith(u.role), locked: isLockedOut(u, now) }));
    },
  }),

  'users.signIn': handler({
    access: 'public',
    input: z.object({ userId: id, secret }).strict(),
    run: (ctx, input) => signIn(ctx, input.userId, input.secret),
  }),

  'users.signOut': handler({
    access: 'signedIn',
    input: z.object({}).strict(),
    run: (ctx) => {
      const me = actor(ctx);
      ctx.audit({ action: 'users.signOut', entity: 'user', entityId: me.userId });
      ctx.client.userId = null;
      return null;
    },
  }),

  'users.setLanguage': handler({
    access: 'signedIn',
    input: z.object({ language }).strict(),
    run: (ctx, input) => {
      const me = actor(ctx);
      ctx.db.prepare(`UPDATE users SET language = ?, updated_at = ? WHERE id = ?`).run(input.language, ctx.now().toISOString(), me.userId);
      ctx.audit({ action: 'users.setLanguage', entity: 'user', entityId: me.userId, details: { before: me.language, after: input.language } });
      ctx.emit({ type: 'users.changed' });
      const session = loadSession(ctx.db, me.userId);
      if (!session) throw new Error('signed-in user vanished inside the transaction');
      return sessionSummary(session);
    },
  }),

  'users.list': handler({
    access: 'users.view',
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => {
      const now = ctx.now();
      const rows = ctx.db
        .prepare(
          `SELECT * FROM users WHERE shop_id = ? AND (? OR archived = 0) ORDER BY archived, name COLLATE NOCASE, id`,
        )
        .all(shopOf(ctx), input.includeArchived ? 1 : 0) as UserRow[];
      return rows.map((u) => publicUser(u, now));
    },
  }),

  'users.create': handler({
    access: 'users.manage',
    input: z.object({ name: userName, role, language, secret }).strict(),
    run: (ctx, input) => {
      assertMayManage(actor(ctx), input.role);
      checkSecret(input.role, input.secret);
      const kind = signInWith(input.role);
      const userId = createUser(ctx, {
        shopId: shopOf(ctx),
        name: input.name,
        role: input.role,
        language: input.language,
        ...(kind === 'pin' ? { pin: input.secret } : { password: input.secret }),
      });
      ctx.audit({ action: 'users.create', entity: 'user', entityId: userId, details: { name: input.name, role: input.role, language: input.language } });
      ctx.emit({ type: 'users.changed' });
      return { id: userId };
    },
  }),

  /**
   * Name, role and language. A role change that switches between PIN and password needs the new
   * secret in the same call, so nobody is left unable to sign in.
   */
  'users.update': handler({
    access: 'users.manage',
    input: z
      .object({ id, name: userName.optional(), role: role.optional(), language: language.optional(), secret: secret.optional() })
      .strict(),
    run: (ctx, input) => {
      const me = actor(ctx);
      const target = requireUser(ctx, input.id);
      assertMayManage(me, target.role);
      const newRole: Role = input.role ?? target.role;
      if (newRole !== target.role) {
        assertMayManage(me, newRole);
        if (target.role === 'owner') assertNotLastOwner(ctx, target);
      }
      const before = { name: target.name, role: target.role, language: target.language };
      const after = { name: input.name ?? target.name, role: newRole, language: input.language ?? target.language };
      if (input.name !== undefined && target.archived === 0) assertNameFree(ctx, target.shop_id, after.name, target.id);

      let hashes: { pin_hash: string | null; password_hash: string | null } | null = null;
      if (input.secret !== undefined) {
        hashes = secretColumns(newRole, input.secret);
      } else if (signInWith(newRole) !== signInWith(target.role)) {
        throw new AppError('invalid_input', signInWith(newRole) === 'pin' ? 'errors:users.pinRequired' : 'errors:users.passwordRequired', {
          field: 'secret',
        });
      }
      const at = ctx.now().toISOString();
      ctx.db
        .prepare(`UPDATE users SET name = ?, role = ?, language = ?, updated_at = ? WHERE id = ?`)
        .run(after.name, after.role, after.language, at, target.id);
      if (hashes) {
        ctx.db
          .prepare(`UPDATE users SET pin_hash = ?, password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?`)
          .run(hashes.pin_hash, hashes.password_hash, target.id);
      }
      ctx.audit({ action: 'users.update', entity: 'user', entityId: target.id, details: { before, after, secretChanged: hashes !== null } });
      ctx.emit({ type: 'users.changed' });
      return { id: target.id };
    },
  }),

  'users.archive': handler({
    access: 'users.manage',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      const me = actor(ctx);
      const target = requireUser(ctx, input.id);
      if (target.id === me.userId) throw new AppError('conflict', 'errors:users.cannotArchiveSelf');
      assertMayManage(me, target.role);
      if (target.archived === 1) return { id: target.id };
      assertNotLastOwner(ctx, target);
      return setArchived(ctx, target, true);
    },
  }),

  'users.restore': handler({
    access: 'users.manage',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      const target = requireUser(ctx, input.id);
      assertMayManage(actor(ctx), target.role);
      if (target.archived === 0) return { id: target.id };
      assertNameFree(ctx, target.shop_id, target.name, target.id);
      return setArchived(ctx, target, false);
    },
  }),

  /** Sets a user's PIN or password (by their role) and lifts a lockout: how a manager helps a cashier who forgot the PIN. */
  'users.setSecret': handler({
    access: 'users.manage',
    input: z.object({ id, secret }).strict(),
    run: (ctx, input) => {
      const me = actor(ctx);
      const target = requireUser(ctx, input.id);
      if (target.id !== me.userId) assertMayManage(me, target.role);
      const hashes = secretColumns(target.role, input.secret);
      ctx.db
        .prepare(`UPDATE users SET pin_hash = ?, password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE id = ?`)
        .run(hashes.pin_hash, hashes.password_hash, ctx.now().toISOString(), target.id);
      ctx.audit({ action: 'users.setSecret', entity: 'user', entityId: target.id, details: { kind: signInWith(target.role) } });
      ctx.emit({ type: 'users.changed' });
      return { id: target.id };
    },
  }),

  'roles.list': handler({
    access: 'roles.manage',
    input: z.object({}).strict(),
    run: (ctx) => listRoles(ctx),
  }),

  'roles.setPermissions': handler({
    access: 'roles.manage',
    input: z.object({ role, permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length * 4) }).strict(),
    run: (ctx, input) => setRolePermissions(ctx, input.role, input.permissions),
  }),

  /** The largest discount a role gives without an approver, in basis points (1000 = 10 %). */
  'roles.setDiscountLimit': handler({
    access: 'roles.manage',
    input: z.object({ role, maxDiscountBp: z.number().int().min(0).max(10_000) }).strict(),
    run: (ctx, input) => setRoleDiscountLimit(ctx, input.role, input.maxDiscountBp),
  }),
};
