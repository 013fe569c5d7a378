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

export function listRoles(ctx: CallContext) {
  return {
    roles: ROLES.map((role) => ({ role, fixed: role === 'owner', permissions: rolePermissions(ctx, role) })),
    permissions: [...PERMISSIONS],
  };
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
