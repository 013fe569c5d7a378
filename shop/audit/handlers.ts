import { z } from 'zod';
import { handler } from '../api/define';
import { AppError } from '../api/errors';
import { id } from '../api/schemas';

export const AUDIT_PAGE_MAX = 500;

const instant = z.iso.datetime({ offset: true });

interface AuditRow {
  id: string;
  at: string;
  user_id: string | null;
  user_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  entity_name: string | null;
  details: string | null;
}

function parseDetails(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const auditHandlers = {
  /**
   * The audit log, newest first. Paging by cursor (the id of the last entry of the previous page),
   * which stays correct while new entries arrive; filters by user, action prefix and time range.
   */
  'audit.list': handler({
    access: 'audit.view',
    input: z
      .object({
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
        cursor: id.optional(),
        userId: id.optional(),
        actionPrefix: z.string().trim().min(1).max(100).optional(),
        from: instant.optional(),
        to: instant.optional(),
      })
      .strict(),
    run: (ctx, input) => {
      const limit = input.limit ?? 100;
      const where: string[] = ['(a.shop_id = ? OR a.shop_id IS NULL)'];
      const params: (string | number | null)[] = [ctx.shopId];
      if (input.cursor !== undefined) {
        const last = ctx.db.prepare(`SELECT at, id FROM audit_log WHERE id = ?`).get(input.cursor) as { at: string; id: string } | undefined;
        if (!last) throw new AppError('not_found', 'errors:audit.cursorUnknown', { field: 'cursor' });
        where.push('(a.at, a.id) < (?, ?)');
        params.push(last.at, last.id);
      }
      if (input.userId !== undefined) {
        where.push('a.user_id = ?');
        params.push(input.userId);
      }
      if (input.actionPrefix !== undefined) {
        where.push('substr(a.action, 1, ?) = ?');
        params.push(input.actionPrefix.length, input.actionPrefix);
      }
      // Stored as toISOString() (UTC, milliseconds), so normalising the bounds makes string order time order.
      if (input.from !== undefined) {
        where.push('a.at >= ?');
        params.push(new Date(input.from).toISOString());
      }
      if (input.to !== undefined) {
        where.push('a.at < ?');
        params.push(new Date(input.to).toISOString());
      }
      params.push(limit + 1);
      const rows = ctx.db
        .prepare(
          `SELECT a.id, a.at, a.user_id, u.name AS user_name, a.action, a.entity, a.entity_id,
                  CASE WHEN a.entity = 'user' THEN eu.name END AS entity_name, a.details
             FROM audit_log a
             LEFT JOIN users u ON u.id = a.user_id
             LEFT JOIN users eu ON a.entity = 'user' AND eu.id = a.entity_id
            WHERE ${where.join(' AND ')}
            ORDER BY a.at DESC, a.id DESC
            LIMIT ?`,
        )
        .all(...params) as AuditRow[];
      const page = rows.slice(0, limit);
      return {
        entries: page.map((r) => ({
          id: r.id,
          at: r.at,
          userId: r.user_id,
          userName: r.user_name,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          entityName: r.entity_name,
          details: parseDetails(r.details),
        })),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  }),
};
