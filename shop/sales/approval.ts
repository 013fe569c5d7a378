import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { RefusalAfterWrites } from '../api/dispatch';
import { getUser } from '../users/accounts';
import { verifySecret } from '../users/hash';
import { signInWith } from '../users/permissions';
import { isLockedOut, lockoutMs, MAX_FAILED_SIGN_INS } from '../users/signIn';
import { roleDiscountLimit } from '../users/roles';

export interface Approver {
  id: string;
  name: string;
  limitBp: number;
}

function lockedOut(until: string, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new AppError('locked_out', 'errors:users.lockedOut', { field: 'approval.secret', params: { minutes, until } });
}

/**
 * A manager's PIN or password typed at the counter to let a discount or price through that is
 * beyond the cashier's own limit. It is a sign-in attempt in all but name: it counts towards the
 * approver's lockout exactly as signIn does (same counter, same lockout lengths), a locked approver
 * is refused, and failures are committed (RefusalAfterWrites) with an audit entry, so guessing a
 * manager's PIN at the till is as slow and as visible as at the picker. Call it before the sale
 * writes anything: a refusal here commits only the attempt.
 */
/** `requiredBp` is compared with the approver's role limit; `shownBp` is what the messages and audit say. */
export function verifyApproval(ctx: CallContext, approval: { userId: string; secret: string }, requiredBp: number, shownBp: number): Approver {
  const user = getUser(ctx, approval.userId);
  if (!user || user.archived === 1 || user.shop_id !== ctx.shopId) {
    throw new AppError('not_found', 'errors:users.notFound', { field: 'approval.userId' });
  }
  const now = ctx.now();
  const subject = { entity: 'user', entityId: user.id };
  if (user.locked_until !== null && isLockedOut(user, now)) {
    ctx.audit({ action: 'sales.approvalRefused', ...subject, details: { reason: 'locked', discountBp: shownBp } });
    throw new RefusalAfterWrites(lockedOut(user.locked_until, now));
  }
  const kind = signInWith(user.role);
  const stored = kind === 'pin' ? user.pin_hash : user.password_hash;
  if (stored === null || !verifySecret(approval.secret, stored)) {
    const attempts = user.failed_attempts + 1;
    ctx.audit({ action: 'sales.approvalRefused', ...subject, details: { reason: 'secret', attempt: attempts, discountBp: shownBp } });
    if (attempts % MAX_FAILED_SIGN_INS === 0) {
      const until = new Date(now.getTime() + lockoutMs(attempts)).toISOString();
      ctx.db.prepare('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE id = ?').run(attempts, until, user.id);
      ctx.audit({ action: 'users.lockedOut', ...subject, details: { until } });
      ctx.emit({ type: 'users.changed' });
      throw new RefusalAfterWrites(lockedOut(until, now));
    }
    ctx.db.prepare('UPDATE users SET failed_attempts = ? WHERE id = ?').run(attempts, user.id);
    throw new RefusalAfterWrites(
      new AppError('bad_credentials', kind === 'pin' ? 'errors:users.badPin' : 'errors:users.badPassword', {
        field: 'approval.secret',
        params: { left: MAX_FAILED_SIGN_INS - (attempts % MAX_FAILED_SIGN_INS) },
      }),
    );
  }
  const limitBp = roleDiscountLimit(ctx, user.role);
  if (limitBp < requiredBp) {
    throw new AppError('forbidden', 'errors:sales.approverLimit', {
      field: 'approval.userId',
      params: { name: user.name, limit: limitBp / 100, required: shownBp / 100 },
    });
  }
  // A right secret ends a run of wrong ones, as a successful sign-in does.
  if (user.failed_attempts !== 0 || user.locked_until !== null) {
    ctx.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(user.id);
  }
  return { id: user.id, name: user.name, limitBp };
}
