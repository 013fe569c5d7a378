import { z } from 'zod';
import { statement } from '../../db/statements';
import { handler, type CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { id, shortText } from '../api/schemas';
import { enqueuePrint } from './queue';
import { EPSON_CODE_PAGE_NUMBERS } from '../../hardware/printer/codepages';
import { DEFAULT_TCP_PORT, normalizeTcpAddress, printerRow, printerView, type PrinterRow, type PrinterSettings } from './printers';

/** Serial speeds receipt printers use; anything else is a typo. */
export const BAUD_RATES = [2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

const pageNumber = z.number().int().min(0).max(255);
const printerInput = z
  .object({
    id: id.optional(),
    name: shortText(100),
    transport: z.enum(['tcp', 'serial', 'os']),
    address: z.string().trim().min(1, 'errors:printing.addressRequired').max(300),
    baud: z
      .number()
      .int()
      .refine((b) => (BAUD_RATES as readonly number[]).includes(b), 'errors:printing.baudInvalid')
      .nullable()
      .optional(),
    paperMm: z.union([z.literal(58), z.literal(80)]),
    rk1048: z.boolean().default(false),
    codePageNumbers: z
      .object({ pc437: pageNumber.optional(), cp866: pageNumber.optional(), wpc1251: pageNumber.optional(), rk1048: pageNumber.optional() })
      .strict()
      .default({}),
    drawer: z.object({ pin: z.union([z.literal(0), z.literal(1)]) }).strict().default({ pin: 0 }),
    isDefault: z.boolean().default(false),
  })
  .strict();

const JOB_STATUSES = ['queued', 'printing', 'done', 'failed'] as const;

/** A failed job stays in the top bar this long; after that it is only in the list. */
const FAILED_VISIBLE_MS = 24 * 60 * 60 * 1000;

function shopOf(ctx: CallContext): string {
  if (!ctx.shopId) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

function requirePrinter(ctx: CallContext, printerId: string): PrinterRow {
  const row = printerRow(ctx.db, printerId);
  if (!row || row.shop_id !== shopOf(ctx)) throw notFound('printer');
  return row;
}

interface JobListRow {
  id: string;
  printer_id: string;
  printer_name: string;
  document_type: 'sale' | 'report' | 'test' | 'drawer' | 'labels';
  document_id: string | null;
  copy: number;
  status: (typeof JOB_STATUSES)[number];
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  updated_at: string;
  printed_at: string | null;
  sale_kind: 'sale' | 'return' | null;
  sale_number: number | null;
  report_kind: 'x' | 'z' | null;
}

function jobView(row: JobListRow) {
  return {
    id: row.id,
    printerId: row.printer_id,
    printerName: row.printer_name,
    documentType: row.document_type,
    documentId: row.document_id,
    /** what the document is, for a person: a sale's or return's number, a report's kind */
    saleKind: row.sale_kind,
    saleNumber: row.sale_number,
    reportKind: row.report_kind,
    copy: row.copy === 1,
    status: row.status,
    attempts: row.attempts,
    /** an `errors:printing.<failure>` message key */
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    printedAt: row.printed_at,
  };
}

export type PrintJobView = ReturnType<typeof jobView>;

function noPrinter(): AppError {
  return new AppError('conflict', 'errors:printing.noPrinter');
}

export const printingHandlers = {
  'printers.list': handler({
    access: 'signedIn',
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => {
      const rows = statement(
        ctx.db,
        `SELECT * FROM printers WHERE shop_id = ? AND (archived = 0 OR ?) ORDER BY archived, is_default DESC, name, id`,
      ).all(shopOf(ctx), input.includeArchived ? 1 : 0) as PrinterRow[];
      return rows.map(printerView);
    },
  }),

  'printers.save': handler({
    access: 'devices.manage',
    input: printerInput,
    run: (ctx, input) => {
      const shopId = shopOf(ctx);
      let address = input.address;
      let baud: number | null = null;
      if (input.transport === 'tcp') {
        const normalized = normalizeTcpAddress(address);
        if (!normalized) throw new AppError('invalid_input', 'errors:printing.addressInvalid', { field: 'address' });
        address = normalized;
      } else if (input.transport === 'serial') {
        baud = input.baud ?? 9600;
      }
      // RK1048 has no Epson number: without the printer's own, Kazakh would quietly print as images.
      if (input.rk1048 && input.codePageNumbers.rk1048 === undefined) {
        throw new AppError('invalid_input', 'errors:printing.rk1048NumberRequired', { field: 'codePageNumbers.rk1048' });
      }
      const settings: PrinterSettings = {
        rk1048: input.rk1048,
        codePageNumbers: input.codePageNumbers,
        drawer: { pin: input.drawer.pin, t1: 0x19, t2: 0xfa },
      };
      const at = ctx.now().toISOString();
      const before = input.id ? requirePrinter(ctx, input.id) : undefined;
      if (before?.archived) throw new AppError('conflict', 'errors:printing.printerArchived');
      const printerId = before?.id ?? ctx.newId();
      // The first printer is the default one: a shop with one printer should not have to tick a box.
      const others = statement(ctx.db, 'SELECT count(*) FROM printers WHERE shop_id = ? AND archived = 0 AND id <> ?')
        .pluck()
        .get(shopId, printerId) as number;
      const isDefault = input.isDefault || others === 0;
      if (isDefault) statement(ctx.db, 'UPDATE printers SET is_default = 0, updated_at = ? WHERE shop_id = ? AND is_default = 1 AND id <> ?').run(at, shopId, printerId);
      if (before) {
        statement(
          ctx.db,
          `UPDATE printers SET name = ?, transport = ?, address = ?, baud = ?, paper_mm = ?, settings = ?, is_default = ?, updated_at = ? WHERE id = ?`,
        ).run(input.name, input.transport, address, baud, input.paperMm, JSON.stringify(settings), isDefault ? 1 : 0, at, printerId);
      } else {
        statement(
          ctx.db,
          `INSERT INTO printers (id, shop_id, name, transport, address, baud, paper_mm, settings, is_default, archived, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        ).run(printerId, shopId, input.name, input.transport, address, baud, input.paperMm, JSON.stringify(settings), isDefault ? 1 : 0, at, at);
      }
      const after = printerView(printerRow(ctx.db, printerId) as PrinterRow);
      ctx.audit({
        action: 'printers.save',
        entity: 'printer',
        entityId: printerId,
        details: { before: before ? printerView(before) : null, after },
      });
      ctx.emit({ type: 'devices.changed' });
      return after;
    },
  }),

  'printers.archive': handler({
    access: 'devices.manage',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      const row = requirePrinter(ctx, input.id);
      if (row.archived) return printerView(row);
      const at = ctx.now().toISOString();
      statement(ctx.db, 'UPDATE printers SET archived = 1, is_default = 0, updated_at = ? WHERE id = ?').run(at, row.id);
      // Its waiting receipts go to the printer that is left (the default one), rather than nowhere.
      const next = statement(
        ctx.db,
        'SELECT id FROM printers WHERE shop_id = ? AND archived = 0 ORDER BY is_default DESC, created_at, id LIMIT 1',
      ).pluck().get(row.shop_id) as string | undefined;
      if (next) {
        if (row.is_default) statement(ctx.db, 'UPDATE printers SET is_default = 1, updated_at = ? WHERE id = ?').run(at, next);
        statement(
          ctx.db,
          `UPDATE print_jobs SET printer_id = ?, updated_at = ? WHERE printer_id = ? AND status = 'queued' AND document_type <> 'test'`,
        ).run(next, at, row.id);
      }
      ctx.audit({ action: 'printers.archive', entity: 'printer', entityId: row.id, details: { name: row.name } });
      ctx.emit({ type: 'devices.changed' });
      ctx.emit({ type: 'print.changed', status: 'queued' });
      return printerView(printerRow(ctx.db, row.id) as PrinterRow);
    },
  }),

  /** What the printer form offers: Epson's code page numbers (shown as the defaults), serial speeds. */
  'printers.options': handler({
    access: 'signedIn',
    input: z.object({}).strict(),
    run: () => ({ epsonCodePageNumbers: EPSON_CODE_PAGE_NUMBERS, baudRates: BAUD_RATES, defaultTcpPort: DEFAULT_TCP_PORT }),
  }),

  /** The OS's printers (CUPS `lpstat -p`), for an 'os' printer's name; [] where there are none. */
  'printers.osPrinters': handler({
    access: 'devices.manage',
    input: z.object({}).strict(),
    transaction: false,
    async run(): Promise<string[]> {
      const driver = await import('../../hardware/printer/index');
      try {
        return await driver.listOsPrinters();
      } catch {
        return [];
      }
    },
  }),

  /** A test page on that printer (settings and a line in every language). */
  'printers.test': handler({
    access: 'devices.manage',
    input: z.object({ id }).strict(),
    run: (ctx, input) => {
      const row = requirePrinter(ctx, input.id);
      if (row.archived) throw new AppError('conflict', 'errors:printing.printerArchived');
      const jobId = enqueuePrint(ctx, { documentType: 'test', printerId: row.id });
      return { jobId };
    },
  }),

  /** The queue: `active` = waiting, printing, and failed in the last day (the top bar's indicator). */
  'print.jobs': handler({
    access: 'signedIn',
    input: z
      .object({
        status: z.enum(JOB_STATUSES).optional(),
        active: z.boolean().optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    run: (ctx, input) => {
      const failedSince = new Date(ctx.now().getTime() - FAILED_VISIBLE_MS).toISOString();
      const rows = statement(
        ctx.db,
        `SELECT j.id, j.printer_id, p.name AS printer_name, j.document_type, j.document_id, j.copy, j.status, j.attempts,
                j.last_error, j.next_attempt_at, j.created_at, j.updated_at, j.printed_at,
                s.kind AS sale_kind, s.number AS sale_number, r.kind AS report_kind
           FROM print_jobs j
           JOIN printers p ON p.id = j.printer_id
           LEFT JOIN sales s ON j.document_type = 'sale' AND s.id = j.document_id
           LEFT JOIN shift_reports r ON j.document_type = 'report' AND r.id = j.document_id
          WHERE j.shop_id = ?
            AND (? IS NULL OR j.status = ?)
            AND (? = 0 OR j.status IN ('queued','printing') OR (j.status = 'failed' AND j.updated_at >= ?))
          ORDER BY j.created_at DESC, j.id DESC
          LIMIT ?`,
      ).all(shopOf(ctx), input.status ?? null, input.status ?? null, input.active ? 1 : 0, failedSince, input.limit ?? 50) as JobListRow[];
      return rows.map(jobView);
    },
  }),

  /** Try a waiting or failed job again now, with a fresh count of attempts. */
  'print.retry': handler({
    access: 'signedIn',
    input: z.object({ jobId: id }).strict(),
    run: (ctx, input) => {
      const job = statement(ctx.db, 'SELECT id, status FROM print_jobs WHERE id = ? AND shop_id = ?').get(input.jobId, shopOf(ctx)) as
        | { id: string; status: string }
        | undefined;
      if (!job) throw notFound('printJob', 'jobId');
      if (job.status === 'done' || job.status === 'printing') return { jobId: job.id, status: job.status };
      const at = ctx.now().toISOString();
      statement(
        ctx.db,
        `UPDATE print_jobs SET status = 'queued', attempts = 0, last_error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
      ).run(at, at, job.id);
      ctx.emit({ type: 'print.changed', jobId: job.id, status: 'queued' });
      return { jobId: job.id, status: 'queued' };
    },
  }),

  /** A sale's or return's receipt again, marked COPY (and it does not open the drawer). */
  'print.reprint': handler({
    access: 'journal.view',
    input: z.object({ saleId: id }).strict(),
    run: (ctx, input) => {
      const sale = statement(ctx.db, 'SELECT id, number FROM sales WHERE id = ? AND shop_id = ?').get(input.saleId, shopOf(ctx)) as
        | { id: string; number: number }
        | undefined;
      if (!sale) throw notFound('sale', 'saleId');
      const jobId = enqueuePrint(ctx, { documentType: 'sale', documentId: sale.id, copy: true });
      if (!jobId) throw noPrinter();
      ctx.audit({ action: 'print.reprint', entity: 'sale', entityId: sale.id, details: { number: sale.number } });
      return { jobId };
    },
  }),

  /** Opens the cash drawer without a sale: permission, a reason, and an audit entry. */
  'drawer.open': handler({
    access: 'drawer.open',
    input: z.object({ reason: shortText(200) }).strict(),
    run: (ctx, input) => {
      const jobId = enqueuePrint(ctx, { documentType: 'drawer' });
      if (!jobId) throw noPrinter();
      ctx.audit({ action: 'drawer.open', entity: 'printJob', entityId: jobId, details: { reason: input.reason } });
      return { jobId };
    },
  }),
};
