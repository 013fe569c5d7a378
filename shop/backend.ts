import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { openDatabaseChecked, type StartCheck } from '../db/open';
import { createDispatcher, type Dispatch } from './api/dispatch';
import type { BackendEvent, ClientState, HandlerMap } from './api/define';
import { handlers as allHandlers } from './api/handlers';
import type { ApiResult } from './api/errors';
import { PrintWorker, type PrintWorkerOptions } from './printing/worker';
import { ScannerService, type ScannerServiceOptions } from './devices/service';
import { TerminalUploads, type TerminalUploadsOptions } from './terminals/uploads';

export interface BackendOptions {
  /** Folder holding posy.db and the logs (the OS app-data folder, or POSY_DATA_DIR in tests). */
  dataDir: string;
  nativeBinding?: string;
  /** 'always' reads every page at start; by default only after an unclean shutdown or once a day (db/open.ts). */
  check?: 'due' | 'always';
  handlers?: HandlerMap;
  now?: () => Date;
  log?: (error: unknown, method: string) => void;
  /** Test seams for the print queue's worker (a driver, timers; autoStart false to drive it by hand). */
  printing?: PrintWorkerOptions;
  /** Test seams for the serial/HID scanner service (a fake node-hid, a faster replug poll). */
  scanners?: ScannerServiceOptions;
  /** Test seams for data-collection terminal uploads (a shorter silence). */
  terminals?: TerminalUploadsOptions;
}

/**
 * The backend: the shop's database and the handler map behind one `call`. It knows nothing of
 * Electron or HTTP; `electron/` and `shop/serve/` each bind it to a window.
 */
export class Backend {
  readonly db: Database;
  /** Whether this start read every page, and why: for the log. */
  readonly startCheck: StartCheck;
  readonly handlers: HandlerMap;
  private readonly dispatch: Dispatch;
  private readonly listeners = new Set<(event: BackendEvent) => void>();
  /** Sends queued receipts after their sale has committed (shop/printing/worker.ts). */
  readonly printWorker: PrintWorker;
  /** Serial and HID scanners: open while the backend runs, their codes sent out as `scan` events. */
  readonly scanners: ScannerService;
  /** Serial uploads from data-collection terminals, in memory until confirmed (shop/terminals/uploads.ts). */
  readonly terminalUploads: TerminalUploads;

  private constructor(db: Database, startCheck: StartCheck, opts: BackendOptions) {
    this.db = db;
    this.startCheck = startCheck;
    this.handlers = opts.handlers ?? allHandlers;
    this.dispatch = createDispatcher({
      db,
      handlers: this.handlers,
      emit: (event) => {
        for (const listener of this.listeners) listener(event);
      },
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.log ? { log: opts.log } : {}),
    });
    this.printWorker = new PrintWorker({
      db,
      emit: (event) => {
        for (const listener of this.listeners) listener(event);
      },
      ...(opts.now ? { now: opts.now } : {}),
      ...(opts.log ? { log: opts.log } : {}),
      ...opts.printing,
    });
    // A job queued by a call is sent once that call's transaction has committed (events follow the commit).
    this.listeners.add((event) => {
      if (event.type === 'print.changed' && event.status === 'queued') this.printWorker.wake();
    });
    if (opts.printing?.autoStart !== false) this.printWorker.start();
    this.scanners = new ScannerService(db, (event) => {
      for (const listener of this.listeners) listener(event);
    }, opts.scanners);
    this.terminalUploads = new TerminalUploads(db, (event) => {
      for (const listener of this.listeners) listener(event);
    }, opts.terminals);
    this.terminalUploads.start();
  }

  /** Opens (creating if needed), checks and migrates the database. Throws DatabaseStartError for a person to read. */
  static boot(opts: BackendOptions): Backend {
    mkdirSync(opts.dataDir, { recursive: true });
    const { db, check } = openDatabaseChecked({
      file: join(opts.dataDir, 'posy.db'),
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
      ...(opts.check ? { check: opts.check } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    });
    const backend = new Backend(db, check, opts);
    backend.scanners.start();
    return backend;
  }

  newClient(): ClientState {
    return { id: randomUUID(), userId: null };
  }

  get methods(): string[] {
    return Object.keys(this.handlers);
  }

  call(client: ClientState, method: string, input: unknown): Promise<ApiResult<unknown>> {
    return this.dispatch(client, method, input);
  }

  onEvent(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  shutdown(): void {
    this.printWorker.stop();
    // Stops polling at once; the ports finish closing on their own (they never touch the database).
    void this.scanners.stop();
    this.terminalUploads.stop();
    this.listeners.clear();
    if (this.db.open) {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
  }
}
