import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Session } from '../api/define';
import { isPermission, PERMISSIONS, type Permission, type Role } from './permissions';

/**
 * Reads the signed-in user's session fresh on every call, so that an owner's change to a role's
 * permissions, or archiving a user, takes effect at once in every open window.
 */
export function loadSession(db: Database, userId: string): Session | null {
  const user = statement(db, `SELECT id, shop_id, name, role, language FROM users WHERE id = ? AND archived = 0`)
    .get(userId) as { id: string; shop_id: string; name: string; role: Role; language: string } | undefined;
  if (!user) return null;
  const permissions = new Set<Permission>();
  if (user.role === 'owner') {
    // The owner always holds every permission, even one a later version adds before its table row exists.
    for (const p of PERMISSIONS) permissions.add(p);
  } else {
    const rows = statement(db, `SELECT permission FROM role_permissions WHERE role = ?`).iterate(user.role) as Iterable<{
      permission: string;
    }>;
    for (const row of rows) if (isPermission(row.permission)) permissions.add(row.permission);
  }
  return { userId: user.id, shopId: user.shop_id, role: user.role, name: user.name, language: user.language, permissions };
}

/** What a window is told about who is signed in on it (system.status, users.signIn, shops.setup). */
export function sessionSummary(session: Session) {
  return {
    userId: session.userId,
    name: session.name,
    role: session.role,
    language: session.language,
    permissions: [...session.permissions],
  };
}

export type SessionSummary = ReturnType<typeof sessionSummary>;
