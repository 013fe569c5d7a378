import type { CallContext, Session } from '../api/define';
import { AppError } from '../api/errors';
import type { Language } from '../api/schemas';
import { hashSecret } from './hash';
import { signInWith, type Role } from './permissions';

export interface UserRow {
  id: string;
  shop_id: string;
  name: string;
  role: Role;
  language: Language;
  pin_hash: string | null;
  password_hash: string | null;
  failed_attempts: number;
  locked_until: string | null;
  archived: 0 | 1;
  created_at: string;
  updated_at: string;
}

export function getUser(ctx: CallContext, id: string): UserRow | null {
  return (ctx.db.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow | undefined) ?? null;
}

/** A user of this shop, or a not_found error naming the field the id came in. */
export function requireUser(ctx: CallContext, id: string, field = 'id'): UserRow {
  const user = getUser(ctx, id);
  if (!user || (ctx.shopId !== null && user.shop_id !== ctx.shopId)) {
    throw new AppError('not_found', 'errors:users.notFound', { field });
  }
  return user;
}

const PIN = /^\d{4,8}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;

/** Refuses a secret that breaks its role's rule: a 4–8 digit PIN, or a password of at least 8 characters. */
export function checkSecret(role: Role, secret: string, field = 'secret'): void {
  if (signInWith(role) === 'pin') {
    if (!PIN.test(secret)) throw new AppError('invalid_input', 'errors:users.pinInvalid', { field });
    return;
  }
  if (secret.length < PASSWORD_MIN) {
    throw new AppError('invalid_input', 'errors:users.passwordTooShort', { field, params: { min: PASSWORD_MIN } });
  }
  if (secret.length > PASSWORD_MAX) {
    throw new AppError('invalid_input', 'errors:users.passwordTooLong', { field, params: { max: PASSWORD_MAX } });
  }
}

/**
 * The two hash columns for a role's secret: one filled, the other cleared, so a user never keeps
 * a stale secret of the other kind after a role change.
 */
export function secretColumns(role: Role, secret: string, field = 'secret'): { pin_hash: string | null; password_hash: string | null } {
  checkSecret(role, secret, field);
  const hash = hashSecret(secret);
  return signInWith(role) === 'pin' ? { pin_hash: hash, password_hash: null } : { pin_hash: null, password_hash: hash };
}

const RANK: Record<Role, number> = { owner: 3, manager: 2, cashier: 1, florist: 1, courier: 1 };

/**
 * Who may manage whom. An owner manages everyone; anyone else (a manager, or a role the owner gave
 * users.manage) only manages roles below their own — so only an owner creates, edits or archives
 * an owner or grants the owner role, and a manager resets a cashier's PIN but not another manager's password.
 */
export function assertMayManage(actor: Session, targetRole: Role): void {
  if (actor.role === 'owner') return;
  if (targetRole === 'owner') throw new AppError('forbidden', 'errors:users.ownerOnly');
  if (RANK[targetRole] >= RANK[actor.role]) throw new AppError('forbidden', 'errors:users.roleTooHigh', { params: { role: targetRole } });
}

export function activeOwnerCount(ctx: CallContext, shopId: string): number {
  return (
    ctx.db.prepare(`SELECT count(*) AS n FROM users WHERE shop_id = ? AND role = 'owner' AND archived = 0`).get(shopId) as {
      n: number;
    }
  ).n;
}

/** Two active people with one name would be indistinguishable on the quick user picker. */
export function assertNameFree(ctx: CallContext, shopId: string, name: string, exceptId: string | null = null): void {
  const taken = ctx.db
    .prepare(`SELECT 1 FROM users WHERE shop_id = ? AND archived = 0 AND lower(name) = lower(?) AND id IS NOT ?`)
    .get(shopId, name, exceptId);
  if (taken) throw new AppError('conflict', 'errors:users.nameTaken', { field: 'name', params: { name } });
}

/**
 * Creates a user of a shop. Owners and managers need a password, the other roles a PIN
 * (PASSWORD_ROLES); a secret of the wrong kind is refused rather than silently dropped.
 * Used by first-run setup, the demo seed and users.create (which checks who may create whom first).
 */
export function createUser(
  ctx: CallContext,
  input: { shopId: string; name: string; role: Role; language: Language; pin?: string; password?: string },
): string {
  const kind = signInWith(input.role);
  const secret = kind === 'pin' ? input.pin : input.password;
  const wrong = kind === 'pin' ? input.password : input.pin;
  if (wrong !== undefined) throw new AppError('invalid_input', 'errors:users.wrongSecretKind', { field: kind === 'pin' ? 'password' : 'pin' });
  if (secret === undefined) {
    throw new AppError('invalid_input', kind === 'pin' ? 'errors:users.pinRequired' : 'errors:users.passwordRequired', { field: kind });
  }
  const name = input.name.trim();
  if (name.length === 0) throw new AppError('invalid_input', 'errors:users.nameRequired', { field: 'name' });
  assertNameFree(ctx, input.shopId, name);
  const hashes = secretColumns(input.role, secret, kind);
  const id = ctx.newId();
  const at = ctx.now().toISOString();
  ctx.db
    .prepare(
      `INSERT INTO users (id, shop_id, name, role, language, pin_hash, password_hash, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, input.shopId, name, input.role, input.language, hashes.pin_hash, hashes.password_hash, at, at);
  return id;
}
