import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { Role } from '../users/permissions';

/**
 * How far a role may discount on its own, in basis points of a line (`role_limits`). A role without
 * a row may give no discount unapproved. Editing the limits is a later roles-page feature.
 */
export function roleDiscountLimit(db: Database, role: Role): number {
  const bp = statement(db, 'SELECT max_discount_bp FROM role_limits WHERE role = ?').pluck().get(role) as number | undefined;
  return bp ?? 0;
}
