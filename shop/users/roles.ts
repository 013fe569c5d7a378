import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { DEFAULT_ROLE_PERMISSIONS, isPermission, PERMISSIONS, ROLES, type Permission, type Role } from './permissions';

/** The permissions a role holds in this shop; the owner always holds all of them. */
export function rolePermissions(ctx: CallContext, role: Role): Permission[] {
  if (role === 'owner') return [...PERMISSIONS];
  const granted = new Set(
    (ctx.db.prepare(`SELECT permission FROM role_permissions WHERE role = ?`).all(role) as { permission: string }[])
      .map((r) => r.permission)
      .filter(isPermission),
  );
  // In PERMISSIONS order, so before/after in the audit log and the roles screen read the same way.
  return PERMISSIONS.filter((p) => granted.has(p));
}

/** How far a role may discount on its own, in basis points (1000 = 10 %); above it the sale needs an approver. */
export function roleDiscountLimit(ctx: Pick<CallContext, 'db'>, role: Role): number {
  if (role === 'owner') return 10_000;
  const row = ctx.db.prepare(`SELECT max_discount_bp FROM role_limits WHERE role = ?`).get(role) as { max_discount_bp: number } | undefined;
  return row?.max_discount_bp ?? 0;
}

export function listRoles(ctx: CallContext) {
  return {
    roles: ROLES.map((role) => ({
      role,
      fixed: role === 'owner',
      permissions: rolePermissions(ctx, role),
      maxDiscountBp: roleDiscountLimit(ctx, role),
    })),
    permissions: [...PERMISSIONS],
  };
}

export function setRoleDiscountLimit(ctx: CallContext, role: Role, maxDiscountBp: number) {
  if (role === 'owner') throw new AppError('conflict', 'errors:users.ownerRoleFixed', { field: 'role' });
  const actor = ctx.session;
  if (actor && actor.role !== 'owner') {
    // As with permissions: a manager may not widen their own limit, nor give anyone more than they have.
    if (role === actor.role) throw new AppError('forbidden', 'errors:users.ownRoleFixed', { field: 'role' });
    const own = roleDiscountLimit(ctx, actor.role);
    if (maxDiscountBp > own) {
      throw new AppError('forbidden', 'errors:users.limitBeyondOwn', { field: 'maxDiscountBp', params: { percent: own / 100 } });
    }
  }
  const before = roleDiscountLimit(ctx, role);
  ctx.db
    .prepare(`INSERT INTO role_limits (role, max_discount_bp) VALUES (?, ?) ON CONFLICT(role) DO UPDATE SET max_discount_bp = excluded.max_discount_bp`)
    .run(role, maxDiscountBp);
  ctx.audit({ action: 'roles.setDiscountLimit', entity: 'role', entityId: role, details: { before, after: maxDiscountBp } });
  ctx.emit({ type: 'roles.changed' });
  return { role, maxDiscountBp };
}

/** A new shop starts with the default table; an existing table (a second shop in one file, later) is kept. */
export function seedDefaultRolePermissions(ctx: CallContext): void {
  const { n } = ctx.db.prepare(`SELECT count(*) AS n FROM role_permissions`).get() as { n: number };
  if (n > 0) return;
  const insert = ctx.db.prepare(`INSERT INTO role_permissions (role, permission) VALUES (?, ?)`);
  for (const role of ROLES) for (const permission of DEFAULT_ROLE_PERMISSIONS[role]) insert.run(role, permission);
}

export function setRolePermissions(ctx: CallContext, role: Role, permissions: readonly Permission[]) {
  // Fixed so that a shop can never lock itself out of its own settings.
  if (role === 'owner') throw new AppError('conflict', 'errors:users.ownerRoleFixed', { field: 'role' });
  const wanted = new Set(permissions);
  const actor = ctx.session;
  if (actor && actor.role !== 'owner') {
    // Someone the owner let manage roles must not be able to hand themselves, or anyone, more than they hold.
    if (role === actor.role) throw new AppError('forbidden', 'errors:users.ownRoleFixed', { field: 'role' });
    const beyond = [...wanted].find((p) => !actor.permissions.has(p));
    if (beyond) throw new AppError('forbidden', 'errors:users.grantBeyondOwn', { field: 'permissions', params: { permission: beyond } });
  }
  const before = rolePermissions(ctx, role);
  const after = PERMISSIONS.filter((p) => wanted.has(p));
  ctx.db.prepare(`DELETE FROM role_permissions WHERE role = ?`).run(role);
  const insert = ctx.db.prepare(`INSERT INTO role_permissions (role, permission) VALUES (?, ?)`);
  for (const permission of after) insert.run(role, permission);
  ctx.audit({ action: 'roles.setPermissions', entity: 'role', entityId: role, details: { before, after } });
  ctx.emit({ type: 'roles.changed' });
  return { role, permissions: after };
}
