import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import { PrinterError, type PrinterConfig, type ReceiptDoc } from '../../hardware/printer/types';
import type { BackendEvent } from '../api/define';
import { printerConfig, printerRow } from './printers';
import { DocumentMissingError, drawerOnly, reportReceipt, saleReceipt, testPage } from './receipts';
import { labelsReceipt } from './labels';

/** What the worker needs of the printer driver (hardware/printer/index.ts); tests may hand in their own. */
export interface PrintDriver {
  renderReceipt(doc: ReceiptDoc, config: PrinterConfig): Promise<Uint8Array>;
  sendToPrinter(config: PrinterConfig, bytes: Uint8Array, opts: { timeoutMs?: number }): Promise<void>;
}

/** setTimeout/clearTimeout, injectable so tests can drive retries with their own clock. */
export interface WorkerTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PrintWorkerOptions {
  driver?: PrintDriver;
  timers?: WorkerTimers;
  /** how long one receipt may take to reach the printer (the driver's default when absent) */
  timeoutMs?: number;
  /** false: Backend.boot does not start the worker (a test starts it, or drives `tick()` itself) */
  autoStart?: boolean;
}

export interface PrintWorkerDeps extends PrintWorkerOptions {
  db: Database;
  emit(event: BackendEvent): void;
  now?: () => Date;
  log?: (error: unknown, context: string) => void;
}

/** Waits after the 1st, 2nd, 3rd and 4th failed attempt; every later one waits a minute. */
export const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000] as const;
export const LATER_RETRY_MS = 60_000;
/** After this many attempts the job is 'failed' and waits for a person (`print.retry`). */
export const MAX_ATTEMPTS = 10;

/**
 * The drawer opens only while the customer is still at the counter. A receipt that reaches the printer
 * later (it was off for ten minutes) prints without the pulse, and a lone drawer job that late is dropped:
 * a drawer springing open by itself at an unattended counter is worse than a cashier using the key.
 */
export const DRAWER_FRESH_MS = 60_000;

export function retryDelayMs(attemptsMade: number): number {
  return RETRY_DELAYS_MS[attemptsMade - 1] ?? LATER_RETRY_MS;
}

/** A queued job with no earlier queued or printing job on its printer (jobs of one printer print in order). */
const QUEUE_HEAD = `j.status = 'queued'
  AND NOT EXISTS (SELECT 1 FROM print_jobs e
                   WHERE e.printer_id = j.printer_id AND e.status IN ('queued','printing')
                     AND (e.created_at < j.created_at OR (e.created_at = j.created_at AND e.id < j.id)))`;

interface JobRow {
  id: string;
  shop_id: string;
  printer_id: string;
  document_type: 'sale' | 'report' | 'test' | 'drawer' | 'labels';
  document_id: string | null;
  copy: number;
  status: string;
  attempts: number;
  created_at: string;
}

/** Raised for a job that no retry can fix (the document or the printer is gone, the receipt cannot be drawn). */
class Permanent extends Error {
  constructor(readonly key: string, cause?: unknown) {
    super(key, { cause });
  }
}

const realTimers: WorkerTimers = {
  // unref: a retry waiting for a minute must not keep a script or a test process alive after shutdown
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Sends queued print jobs, after their sale committed: the sale is safe in the database before any byte
 * goes to a printer, and a printer that is off, out of paper or unplugged only delays the paper.
 *
 * Jobs of one printer print in the order they were queued (a failing receipt holds back the ones behind
 * it on that printer, not on the others); it is retried with growing waits and after MAX_ATTEMPTS it is
 * 'failed' until someone presses retry. The worker is woken by `wake()` after an enqueue commits and by a
 * timer set for the next due retry.
 */
export class PrintWorker {
  private readonly db: Database;
  private readonly now: () => Date;
  private readonly timers: WorkerTimers;
  private driverPromise: Promise<PrintDriver> | undefined;
  private running = false;
  /** stop() was called: an attempt finishing on the wire must not start the next one */
  private stopped = false;
  private timer: { handle: unknown; at: number } | null = null;
  /** printers with an attempt in flight */
  private readonly busy = new Set<string>();

  constructor(private readonly deps: PrintWorkerDeps) {
    this.db = deps.db;
    this.now = deps.now ?? (() => new Date());
    this.timers = deps.timers ?? realTimers;
    if (deps.driver) this.driverPromise = Promise.resolve(deps.driver);
  }

  // The real driver pulls in node-thermal-printer and the rasteriser: loaded on the first job, not at boot.
  private driver(): Promise<PrintDriver> {
    this.driverPromise ??= import('../../hardware/printer/index').then((m) => ({
      renderReceipt: m.renderReceipt,
      sendToPrinter: m.sendToPrinter,
    }));
    return this.driverPromise;
  }

  /** Puts back jobs a crash left half-sent (they print again, whole), then sends whatever is due. */
  start(): void {
    if (this.running) return;
    this.requeueInterrupted();
    this.running = true;
    this.stopped = false;
    this.schedule(0);
    // Fonts and the rasteriser take about a second to load: do it now, off the first Georgian receipt's path.
    if (!this.deps.driver) void import('../../hardware/printer/index').then((m) => m.prepareRaster()).catch(() => undefined);
  }

  /** No new attempt starts; one in flight finishes on the wire but its job is left for the next start. */
  stop(): void {
    this.running = false;
    this.stopped = true;
    if (this.timer) this.timers.clear(this.timer.handle);
    this.timer = null;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Called after a transaction that queued a job has committed. */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  requeueInterrupted(): number {
    const at = this.now().toISOString();
    return this.db
      .prepare(`UPDATE print_jobs SET status = 'queued', next_attempt_at = ?, updated_at = ? WHERE status = 'printing'`)
      .run(at, at).changes;
  }

  private schedule(ms: number): void {
    const at = Date.now() + ms;
    if (this.timer && this.timer.at <= at) return;
    if (this.timer) this.timers.clear(this.timer.handle);
    const handle = this.timers.set(() => {
      this.timer = null;
      void this.tick();
    }, ms);
    this.timer = { handle, at };
  }

  /**
   * Starts every job that is due now, one per printer (a printer that hangs for its timeout holds up
   * only its own queue); each finished attempt looks again, so the next receipt of that printer follows.
   * Resolves when everything this started has been tried. Tests call it directly.
   */
  async tick(): Promise<void> {
    if (this.stopped) return;
    const started: Promise<void>[] = [];
    try {
      for (const job of this.dueJobs()) {
        if (this.busy.has(job.printer_id)) continue;
        this.busy.add(job.printer_id);
        started.push(
          this.attempt(job)
            .catch((e: unknown) => this.deps.log?.(e, `print job ${job.id}`))
            .finally(() => this.busy.delete(job.printer_id))
            .then(() => this.tick()),
        );
      }
    } catch (e) {
      this.deps.log?.(e, 'print worker');
    }
    await Promise.all(started);
    if (started.length === 0) this.scheduleNextRetry();
  }

  /** The head of each printer's queue, when it is due. */
  private dueJobs(): JobRow[] {
    if (!this.db.open) return [];
    return statement(
      this.db,
      `SELECT j.* FROM print_jobs j
        WHERE ${QUEUE_HEAD} AND j.next_attempt_at <= ?
        ORDER BY j.created_at, j.id`,
    ).all(this.now().toISOString()) as JobRow[];
  }

  private scheduleNextRetry(): void {
    if (!this.running || !this.db.open) return;
    // Only heads of queues: a receipt waiting behind a failing one was due long ago, and waking for it
    // would spin the worker (a zero-delay timer, again and again) for the whole backoff of the one in front.
    // Nor a printer with an attempt in flight: the end of that attempt looks again.
    const heads = statement(this.db, `SELECT j.printer_id, j.next_attempt_at FROM print_jobs j WHERE ${QUEUE_HEAD}`).all() as {
      printer_id: string;
      next_attempt_at: string;
    }[];
    const next = heads
      .filter((h) => !this.busy.has(h.printer_id))
      .reduce<string | null>((min, h) => (min === null || h.next_attempt_at < min ? h.next_attempt_at : min), null);
    if (next === null) return;
    this.schedule(Math.max(0, Date.parse(next) - this.now().getTime()));
  }

  private emit(jobId: string, status: string): void {
    this.deps.emit({ type: 'print.changed', jobId, status });
  }

  private async attempt(job: JobRow): Promise<void> {
    const startedAt = this.now().toISOString();
    const taken = statement(
      this.db,
      `UPDATE print_jobs SET status = 'printing', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'queued'`,
    ).run(startedAt, job.id);
    if (taken.changes === 0) return;
    const attempts = job.attempts + 1;
    this.emit(job.id, 'printing');
    try {
      const { doc, config } = this.compose(job);
      const driver = await this.driver();
      let bytes: Uint8Array;
      try {
        bytes = await driver.renderReceipt(doc, config);
      } catch (e) {
        throw new Permanent('errors:printing.renderFailed', e);
      }
      if (this.stopped) {
        // Stopped (shut down) before a byte went out: sending now would print it after the app closed and
        // again at the next start. It waits for that start instead.
        if (this.db.open) {
          statement(this.db, `UPDATE print_jobs SET status = 'queued', attempts = attempts - 1 WHERE id = ? AND status = 'printing'`).run(job.id);
        }
        return;
      }
      await driver.sendToPrinter(config, bytes, this.deps.timeoutMs === undefined ? {} : { timeoutMs: this.deps.timeoutMs });
      if (!this.db.open) return; // shut down meanwhile: the next start sends it again
      const at = this.now().toISOString();
      statement(
        this.db,
        `UPDATE print_jobs SET status = 'done', last_error = NULL, next_attempt_at = NULL, printed_at = ?, updated_at = ? WHERE id = ?`,
      ).run(at, at, job.id);
      this.emit(job.id, 'done');
    } catch (e) {
      if (!this.db.open) return;
      const at = this.now();
      if (e instanceof Permanent) {
        if (e.cause !== undefined) this.deps.log?.(e.cause, `print job ${job.id}`);
        this.fail(job.id, e.key, at);
        return;
      }
      const key = e instanceof PrinterError ? `errors:printing.${e.failure}` : 'errors:printing.unknown';
      if (!(e instanceof PrinterError)) this.deps.log?.(e, `print job ${job.id}`);
      if (attempts >= MAX_ATTEMPTS) {
        this.fail(job.id, key, at);
        return;
      }
      const next = new Date(at.getTime() + retryDelayMs(attempts)).toISOString();
      statement(
        this.db,
        `UPDATE print_jobs SET status = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
      ).run(key, next, at.toISOString(), job.id);
      this.emit(job.id, 'retrying');
    }
  }

  private fail(jobId: string, key: string, at: Date): void {
    statement(
      this.db,
      `UPDATE print_jobs SET status = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(key, at.toISOString(), jobId);
    this.emit(jobId, 'failed');
  }

  private compose(job: JobRow): { doc: ReceiptDoc; config: PrinterConfig } {
    const printer = printerRow(this.db, job.printer_id);
    if (!printer || printer.archived) throw new Permanent('errors:printing.printerGone');
    const fresh = this.now().getTime() - Date.parse(job.created_at) <= DRAWER_FRESH_MS;
    if (job.document_type === 'drawer' && !fresh) throw new Permanent('errors:printing.drawerExpired');
    try {
      const copy = job.copy === 1;
      const doc =
        job.document_type === 'sale'
          ? saleReceipt(this.db, job.document_id ?? '', { copy, openDrawer: fresh })
          : job.document_type === 'report'
            ? reportReceipt(this.db, job.document_id ?? '', { copy })
            : job.document_type === 'test'
              ? testPage(this.db, printer)
              : job.document_type === 'labels'
                ? labelsReceipt(this.db, job.document_id ?? '')
                : drawerOnly();
      return { doc, config: printerConfig(printer) };
    } catch (e) {
      if (e instanceof DocumentMissingError) throw new Permanent('errors:printing.documentMissing', e);
      throw new Permanent('errors:printing.composeFailed', e);
    }
  }
}
