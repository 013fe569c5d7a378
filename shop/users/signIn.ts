import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { RefusalAfterWrites } from '../api/dispatch';
import { getUser, type UserRow } from './accounts';
import { hashSecret, needsRehash, verifySecret } from './hash';
import { signInWith } from './permissions';
import { loadSession, sessionSummary, type SessionSummary } from './session';

/**
 * Wrong PINs/passwords in a row before a user is locked out, and for how long. Each further lockout
 * before a successful sign-in lasts twice as long (5, 10, 20, 40, then 60 minutes), so guessing a
 * 4-digit PIN takes months instead of days; a mistyping cashier still only ever waits five minutes.
 */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 5 * 60 * 1000;
export const MAX_LOCKOUT_MS = 60 * 60 * 1000;

export function lockoutMs(failedInARow: number): number {
  const lockouts = Math.floor(failedInARow / MAX_FAILED_SIGN_INS);
  return Math.min(LOCKOUT_MS * 2 ** Math.max(lockouts - 1, 0), MAX_LOCKOUT_MS);
}

export function isLockedOut(user: Pick<UserRow, 'locked_until'>, now: Date): boolean {
  return user.locked_until !== null && user.locked_until > now.toISOString();
}

function lockedOutError(lockedUntil: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000));
  return new AppError('locked_out', 'errors:users.lockedOut', { params: { minutes, until: lockedUntil } });
}

/**
 * Checks a user's PIN or password (whichever their role uses) and signs them in on this window,
 * replacing whoever was signed in there. Every outcome is audited; failures are committed too
 * (RefusalAfterWrites), so the counter and the log survive the refusal.
 */
export function signIn(ctx: CallContext, userId: string, secret: string): SessionSummary {
  const user = getUser(ctx, userId);
  if (!user || user.archived === 1 || (ctx.shopId !== null && user.shop_id !== ctx.shopId)) {
    throw new AppError('not_found', 'errors:users.notFound', { field: 'userId' });
  }
  const now = ctx.now();
  const at = now.toISOString();
  const subject = { entity: 'user', entityId: user.id };

  if (user.locked_until !== null && isLockedOut(user, now)) {
    ctx.audit({ action: 'users.signInWhileLocked', ...subject });
    throw new RefusalAfterWrites(lockedOutError(user.locked_until, now));
  }

  const kind = signInWith(user.role);
  const stored = kind === 'pin' ? user.pin_hash : user.password_hash;
  if (stored === null || !verifySecret(secret, stored)) {
    const attempts = user.failed_attempts + 1;
    ctx.audit({ action: 'users.signInFailed', ...subject, details: { attempt: attempts } });
    if (attempts % MAX_FAILED_SIGN_INS === 0) {
      const until = new Date(now.getTime() + lockoutMs(attempts)).toISOString();
      // The counter keeps running until a success, so each lockout in a row lasts longer; after one
      // expires the user has the full number of tries again.
      ctx.db.prepare(`UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?`).run(attempts, until, user.id);
      ctx.audit({ action: 'users.lockedOut', ...subject, details: { until } });
      ctx.emit({ type: 'users.changed' });
      throw new RefusalAfterWrites(lockedOutError(until, now));
    }
    ctx.db.prepare(`UPDATE users SET failed_attempts = ? WHERE id = ?`).run(attempts, user.id);
    throw new RefusalAfterWrites(
      new AppError('bad_credentials', kind === 'pin' ? 'errors:users.badPin' : 'errors:users.badPassword', {
        field: 'secret',
        params: { left: MAX_FAILED_SIGN_INS - (attempts % MAX_FAILED_SIGN_INS) },
      }),
    );
  }

  ctx.db.prepare(`UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?`).run(user.id);
  if (needsRehash(stored)) {
    ctx.db.prepare(`UPDATE users SET ${kind === 'pin' ? 'pin_hash' : 'password_hash'} = ?, updated_at = ? WHERE id = ?`).run(hashSecret(secret), at, user.id);
  }
  const previous = ctx.session?.userId ?? null;
  if (previous !== null && previous !== user.id) {
    ctx.audit({ action: 'users.switch', ...subject, actorId: user.id, details: { from: previous } });
  } else {
    ctx.audit({ action: 'users.signIn', ...subject, actorId: user.id });
  }
  const session = loadSession(ctx.db, user.id);
  if (!session) throw new Error('signed-in user vanished inside the transaction');
  ctx.client.userId = user.id;
  return sessionSummary(session);
}
