import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { shopIdOf } from '../shifts/current';
import { draft as draftSchema, type Draft } from './draft';
import { prepareDraft } from './prepare';

export interface ParkedSale {
  id: string;
  label: string | null;
  parkedAt: string;
  /** who parked it */
  parkedBy: string;
  lineCount: number;
  /** the total when it was parked (prices may have changed since; resume re-quotes) */
  total: number;
}

/** What parked_sales.draft holds: the draft without any approval secret, and its total when parked. */
interface Stored {
  draft: Omit<Draft, 'approval'>;
  total: number;
}

/**
 * Puts the sale aside (the customer went back for a ribbon). The draft is checked and priced as a
 * quote would, so a parked sale always resumes into something the screen can show. An approval's
 * secret is never stored: the manager types it again at the till.
 */
export function parkSale(ctx: CallContext, draft: Draft, label: string | undefined): { id: string } {
  const userId = ctx.session?.userId;
  if (!userId) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  const { approval: _secret, ...kept } = draft;
  const { shop, priced } = prepareDraft(ctx, kept);
  const id = ctx.newId();
  const stored: Stored = { draft: kept, total: priced.total };
  statement(ctx.db, 'INSERT INTO parked_sales (id, shop_id, parked_at, parked_by, label, draft) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    shop.id,
    ctx.now().toISOString(),
    userId,
    label ?? null,
    JSON.stringify(stored),
  );
  ctx.emit({ type: 'sales.changed' });
  return { id };
}

export function listParked(ctx: CallContext): ParkedSale[] {
  const rows = statement(
    ctx.db,
    `SELECT p.id, p.label, p.parked_at, u.name AS parked_by, p.draft FROM parked_sales p JOIN users u ON u.id = p.parked_by
      WHERE p.shop_id = ? ORDER BY p.parked_at, p.id`,
  ).all(shopIdOf(ctx)) as { id: string; label: string | null; parked_at: string; parked_by: string; draft: string }[];
  return rows.map((r) => {
    const stored = JSON.parse(r.draft) as Stored;
    return { id: r.id, label: r.label, parkedAt: r.parked_at, parkedBy: r.parked_by, lineCount: stored.draft.lines.length, total: stored.total };
  });
}

/** Takes a parked sale back onto the screen: the draft is returned and the parked row removed. */
export function resumeSale(ctx: CallContext, id: string): Draft {
  const row = statement(ctx.db, 'SELECT draft FROM parked_sales WHERE id = ? AND shop_id = ?').get(id, shopIdOf(ctx)) as
    | { draft: string }
    | undefined;
  if (!row) throw new AppError('not_found', 'errors:sales.parkedNotFound', { field: 'id' });
  statement(ctx.db, 'DELETE FROM parked_sales WHERE id = ?').run(id);
  ctx.emit({ type: 'sales.changed' });
  // Parsed again so that what the screen gets back is exactly a Draft, whatever an older version stored.
  return draftSchema.parse((JSON.parse(row.draft) as Stored).draft);
}
