import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';

/** 'labels': price labels; the document is a label batch (shop/printing/labels.ts) */
export type PrintDocumentType = 'sale' | 'report' | 'test' | 'drawer' | 'labels';

export interface EnqueueRequest {
  documentType: PrintDocumentType;
  /** the sale/return id, the shift report id; null for a drawer pulse */
  documentId?: string | null;
  /** a reprint: the receipt says COPY */
  copy?: boolean;
  /** a specific printer (a test page); otherwise the shop's default printer */
  printerId?: string;
}

export interface PrinterRowLite {
  id: string;
}

/** The printer a job goes to when none is named: the default one, else the oldest that is not archived. */
export function defaultPrinterId(db: Database, shopId: string): string | null {
  const row = statement(
    db,
    `SELECT id FROM printers WHERE shop_id = ? AND archived = 0
     ORDER BY is_default DESC, created_at, id LIMIT 1`,
  ).get(shopId) as PrinterRowLite | undefined;
  return row?.id ?? null;
}

/**
 * Puts a print job in the queue INSIDE the caller's transaction, so the job commits with the sale (or
 * rolls back with it). Nothing is sent here: the worker is woken by the `print.changed` event, which the
 * dispatcher delivers only after the commit. A shop with no printer set up gets no job, not an error:
 * printing must never stop a sale. Returns the job id, or null when there is no printer.
 */
export function enqueuePrint(ctx: CallContext, req: EnqueueRequest): string | null {
  const shopId = ctx.shopId;
  if (!shopId) return null;
  const printerId = req.printerId ?? defaultPrinterId(ctx.db, shopId);
  if (!printerId) return null;
  const id = ctx.newId();
  const at = ctx.now().toISOString();
  statement(
    ctx.db,
    `INSERT INTO print_jobs (id, shop_id, printer_id, document_type, document_id, copy, status, attempts,
                             next_attempt_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)`,
  ).run(id, shopId, printerId, req.documentType, req.documentId ?? null, req.copy ? 1 : 0, at, at, at);
  ctx.emit({ type: 'print.changed', jobId: id, status: 'queued' });
  return id;
}
