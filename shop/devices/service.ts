import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import { ScannerManager, type DeviceListing } from '../../hardware/scanner/manager';
import { loadNodeHid, loadSerialport, type Loader, type NodeHidModule, type SerialModule } from '../../hardware/scanner/native';
import type { ScannerConfig, ScannerStatus } from '../../hardware/scanner/types';
import type { BackendEvent } from '../api/define';
import { currentShopId } from '../shops/current';
import { configOf, type ScannerRow } from './settings';

/** Test seams: the native modules (a fake node-hid) and the replug poll. */
export interface ScannerServiceOptions {
  loadSerial?: Loader<SerialModule>;
  loadHid?: Loader<NodeHidModule>;
  pollMs?: number;
}

const services = new WeakMap<Database, ScannerService>();

/** The running service of this database's backend (handlers reach it through ctx.db); none in bare tests. */
export function scannerServiceFor(db: Database): ScannerService | undefined {
  return services.get(db);
}

/**
 * Keeps the shop's configured serial and HID scanners open for as long as the backend runs, and turns
 * what they read into `scan` events — the same codes a keyboard-wedge scanner types, only by another road.
 * Status changes (plugged, unplugged, type unavailable) go out as `devices.changed`.
 */
export class ScannerService {
  private readonly manager: ScannerManager;
  private readonly loadSerial: Loader<SerialModule>;
  private readonly loadHid: Loader<NodeHidModule>;
  private stopped = false;
  private reloadQueued = false;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly emit: (event: BackendEvent) => void,
    opts: ScannerServiceOptions = {},
  ) {
    this.loadSerial = opts.loadSerial ?? loadSerialport;
    this.loadHid = opts.loadHid ?? loadNodeHid;
    this.manager = new ScannerManager({
      loadSerial: this.loadSerial,
      loadHid: this.loadHid,
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
      onScan: (scannerId, code) => this.emit({ type: 'scan', code, scannerId }),
      onStatus: () => this.emit({ type: 'devices.changed' }),
    });
  }

  start(): void {
    services.set(this.db, this);
    this.reload();
  }

  /**
   * Re-reads the configured scanners after the current transaction commits (setImmediate runs after the
   * dispatcher's synchronous commit), so a scanner saved in Settings is opened at once.
   */
  reload(): void {
    if (this.stopped || this.reloadQueued) return;
    this.reloadQueued = true;
    setImmediate(() => {
      this.reloadQueued = false;
      if (this.stopped || !this.db.open) return;
      const configs = this.configs();
      this.loading = this.loading.then(() => this.manager.setConfigs(configs)).catch(() => undefined);
    });
  }

  /** Resolves once every reload asked for so far has been applied (tests; the first status after boot). */
  async settled(): Promise<void> {
    while (this.reloadQueued) await new Promise((r) => setImmediate(r));
    await this.loading;
  }

  status(id: string): ScannerStatus | undefined {
    return this.manager.status(id);
  }

  listDevices(): Promise<DeviceListing> {
    return this.manager.listDevices();
  }

  /** Stops polling and closes every port. The database is not touched after this is called. */
  stop(): Promise<void> {
    this.stopped = true;
    if (services.get(this.db) === this) services.delete(this.db);
    return this.manager.stop();
  }

  private configs(): ScannerConfig[] {
    const shopId = currentShopId(this.db);
    if (!shopId) return [];
    const rows = statement(this.db, `SELECT * FROM scanners WHERE shop_id = ? AND archived = 0 ORDER BY created_at, id`).all(shopId) as ScannerRow[];
    return rows.map(configOf).filter((c): c is ScannerConfig => c !== null);
  }
}

/** For `devices.ports` when no service runs (a handler map used without Backend.boot). */
export function standaloneListing(): Promise<DeviceListing> {
  return new ScannerManager({ onScan: () => undefined, onStatus: () => undefined }).listDevices();
}
