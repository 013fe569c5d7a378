import type { Database } from 'better-sqlite3';
import { listSerialPorts, loadSerialport, type Loader, type SerialModule } from '../../hardware/scanner/native';
import type { SerialPortInfo } from '../../hardware/scanner/types';
import { startSerialUpload, type SerialUpload, type SerialUploadOptions, type UploadEnd } from '../../hardware/terminal/serialUpload';
import type { BackendEvent } from '../api/define';
import { AppError } from '../api/errors';

/** Test seams: the serialport loader, the silence that ends an upload, the wait for the first byte. */
export interface TerminalUploadsOptions {
  loadSerial?: Loader<SerialModule>;
  silenceMs?: number;
  waitMs?: number;
}

export interface UploadState {
  id: string;
  shopId: string;
  countId: string;
  path: string;
  lines: number;
  done: boolean;
  ended: UploadEnd | null;
  bytes: Uint8Array | null;
  detail?: string;
  startedAt: number;
}

/** Progress events at most this often: a 10,000-line upload is not 10,000 messages to every window. */
const PROGRESS_EVERY_MS = 200;
/** Finished uploads nobody imported or cancelled are forgotten after this long. */
const KEEP_MS = 60 * 60 * 1000;
/** Uploads kept at once: one per cradle is the norm. */
const MAX_UPLOADS = 8;

const services = new WeakMap<Database, TerminalUploads>();

/** The running uploads service of this database's backend (handlers reach it through ctx.db). */
export function terminalUploadsFor(db: Database): TerminalUploads | undefined {
  return services.get(db);
}

/**
 * Serial uploads in progress and finished, in memory only: an upload is a moment at the cradle, not a
 * document. Nothing reaches the database until the person confirms (terminals.importUpload).
 */
export class TerminalUploads {
  private readonly uploads = new Map<string, UploadState & { handle: SerialUpload | null }>();
  private readonly loadSerial: Loader<SerialModule>;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly emit: (event: BackendEvent) => void,
    private readonly opts: TerminalUploadsOptions = {},
  ) {
    this.loadSerial = opts.loadSerial ?? loadSerialport;
  }

  start(): void {
    services.set(this.db, this);
  }

  stop(): void {
    this.stopped = true;
    if (services.get(this.db) === this) services.delete(this.db);
    for (const upload of this.uploads.values()) upload.handle?.cancel();
    this.uploads.clear();
  }

  /** The PC's serial ports, or why there are none to pick (the serial library did not load). */
  async ports(): Promise<{ available: boolean; detail?: string; ports: SerialPortInfo[] }> {
    const loaded = await this.loadSerial();
    if (!loaded.ok) return { available: false, detail: loaded.detail, ports: [] };
    try {
      return { available: true, ports: await listSerialPorts(loaded.module) };
    } catch (e) {
      // listing can fail where opening a known path works (no udev in a container): the path can be typed
      return { available: true, detail: e instanceof Error ? e.message : String(e), ports: [] };
    }
  }

  /** Opens the port and starts listening; the id is the caller's (a fresh UUIDv7). */
  async listen(input: { id: string; shopId: string; countId: string; path: string; baudRate: number }): Promise<void> {
    this.prune();
    for (const u of this.uploads.values()) {
      if (!u.done && u.path === input.path) throw new AppError('conflict', 'errors:terminals.portBusy', { field: 'path' });
    }
    // Finished uploads nobody imported (garbage at the wrong speed, a refused preview, a retry) make
    // room, oldest first: only uploads still listening count against the limit.
    for (const u of this.uploads.values()) {
      if (this.uploads.size < MAX_UPLOADS) break;
      if (u.done) this.uploads.delete(u.id);
    }
    if (this.uploads.size >= MAX_UPLOADS) throw new AppError('conflict', 'errors:terminals.tooManyUploads');
    const loaded = await this.loadSerial();
    if (!loaded.ok) throw new AppError('conflict', 'errors:terminals.serialUnavailable', { params: { detail: loaded.detail } });
    const state: UploadState & { handle: SerialUpload | null } = {
      id: input.id,
      shopId: input.shopId,
      countId: input.countId,
      path: input.path,
      lines: 0,
      done: false,
      ended: null,
      bytes: null,
      startedAt: Date.now(),
      handle: null,
    };
    let lastSent = 0;
    const options: SerialUploadOptions = {
      path: input.path,
      baudRate: input.baudRate,
      ...(this.opts.silenceMs !== undefined ? { silenceMs: this.opts.silenceMs } : {}),
      ...(this.opts.waitMs !== undefined ? { waitMs: this.opts.waitMs } : {}),
      onProgress: ({ lines }) => {
        state.lines = lines;
        const now = Date.now();
        if (now - lastSent >= PROGRESS_EVERY_MS) {
          lastSent = now;
          this.emit({ type: 'terminal.upload', uploadId: state.id, lines, done: false });
        }
      },
    };
    try {
      state.handle = await startSerialUpload(loaded.module, options);
    } catch (e) {
      throw new AppError('conflict', 'errors:terminals.portOpenFailed', {
        field: 'path',
        params: { path: input.path, detail: e instanceof Error ? e.message : String(e) },
      });
    }
    this.uploads.set(state.id, state);
    void state.handle.done.then((result) => {
      state.done = true;
      state.ended = result.ended;
      state.lines = result.lines;
      state.bytes = result.bytes;
      if (result.detail !== undefined) state.detail = result.detail;
      state.handle = null;
      if (!this.stopped && result.ended !== 'cancelled') {
        this.emit({ type: 'terminal.upload', uploadId: state.id, lines: result.lines, done: true });
      }
    });
  }

  /** The upload of this shop, or a not-found refusal (another shop's upload is as good as missing). */
  get(uploadId: string, shopId: string): UploadState {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.shopId !== shopId) throw new AppError('not_found', 'errors:terminals.uploadNotFound', { field: 'uploadId' });
    return upload;
  }

  /** Stops listening (if still listening) and forgets the upload. */
  cancel(uploadId: string, shopId: string): void {
    const upload = this.get(uploadId, shopId);
    this.uploads.delete(upload.id);
    (upload as UploadState & { handle: SerialUpload | null }).handle?.cancel();
  }

  forget(uploadId: string): void {
    this.uploads.delete(uploadId);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, u] of this.uploads) if (u.done && now - u.startedAt > KEEP_MS) this.uploads.delete(id);
  }
}
