import { describeHidDevices, findHidPath, openHidScanner } from './hid';
import { listSerialPorts, loadNodeHid, loadSerialport, type HidDeviceInfo, type Loader, type NodeHidModule, type SerialModule } from './native';
import { openSerialScanner, type OpenScanner } from './serial';
import type { HidDeviceListing, ScannerConfig, ScannerKind, ScannerStatus, SerialPortInfo, TypeAvailability } from './types';

/** How often a scanner that is not there is looked for again (a replug is noticed within this). */
export const DEFAULT_POLL_MS = 2000;

export interface ScannerManagerOptions {
  onScan(scannerId: string, code: string): void;
  /** A scanner's status changed (connected, unplugged, its type unavailable). */
  onStatus(scannerId: string, status: ScannerStatus): void;
  loadSerial?: Loader<SerialModule>;
  loadHid?: Loader<NodeHidModule>;
  pollMs?: number;
}

interface Entry {
  config: ScannerConfig;
  key: string;
  status: ScannerStatus;
  handle: OpenScanner | null;
  opening: boolean;
}

export interface DeviceListing {
  serial: SerialPortInfo[];
  hid: HidDeviceListing[];
  availability: Record<ScannerKind, TypeAvailability>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Keeps the configured scanners open: opens each, passes its codes on, notices when one goes away and
 * reopens it when it is back, without a restart. Serial ports are simply tried again (a port that is not
 * there fails at once); HID scanners are looked for in the device list, as their node path changes on replug.
 */
export class ScannerManager {
  private readonly entries = new Map<string, Entry>();
  private readonly loadSerial: Loader<SerialModule>;
  private readonly loadHid: Loader<NodeHidModule>;
  private readonly pollMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly opts: ScannerManagerOptions) {
    this.loadSerial = opts.loadSerial ?? loadSerialport;
    this.loadHid = opts.loadHid ?? loadNodeHid;
    this.pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  }

  status(id: string): ScannerStatus | undefined {
    return this.entries.get(id)?.status;
  }

  /** Makes the open scanners match `configs`: closes removed or changed ones, opens new ones now. */
  async setConfigs(configs: readonly ScannerConfig[]): Promise<void> {
    if (this.stopped) return;
    const wanted = new Map(configs.map((c) => [c.id, c]));
    const closing: Promise<void>[] = [];
    for (const [id, entry] of this.entries) {
      const next = wanted.get(id);
      if (next && JSON.stringify(next) === entry.key) continue;
      this.entries.delete(id);
      if (entry.handle) closing.push(entry.handle.close());
      entry.handle = null;
    }
    await Promise.all(closing);
    for (const config of configs) {
      if (this.entries.has(config.id)) continue;
      this.entries.set(config.id, {
        config,
        key: JSON.stringify(config),
        status: { state: 'disconnected', detail: 'not opened yet' },
        handle: null,
        opening: false,
      });
    }
    if (this.entries.size > 0) this.schedule();
    await this.tick();
  }

  async availability(): Promise<Record<ScannerKind, TypeAvailability>> {
    const [serial, hid] = await Promise.all([this.loadSerial(), this.loadHid()]);
    return {
      serial: serial.ok ? { available: true } : { available: false, detail: serial.detail },
      hid: hid.ok ? { available: true } : { available: false, detail: hid.detail },
    };
  }

  /** The serial ports and HID devices on this PC, for choosing a scanner to add. */
  async listDevices(): Promise<DeviceListing> {
    const availability = await this.availability();
    const serialMod = await this.loadSerial();
    const hidMod = await this.loadHid();
    let serial: SerialPortInfo[] = [];
    let hid: HidDeviceListing[] = [];
    if (serialMod.ok) {
      try {
        serial = await listSerialPorts(serialMod.module);
      } catch {
        serial = []; // listing needs udevadm on Linux; a port can still be typed in by its path
      }
    }
    if (hidMod.ok) {
      try {
        hid = describeHidDevices(await enumerate(hidMod.module));
      } catch {
        hid = [];
      }
    }
    return { serial, hid, availability };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((e) => e.handle?.close()));
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    // A poll alone must not keep a process (a test, the browser-mode server on its way out) alive.
    this.timer.unref?.();
  }

  /** One pass over the scanners that are not open; never two at once. */
  private tick(): Promise<void> {
    if (this.ticking) return this.ticking;
    this.ticking = this.openMissing().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async openMissing(): Promise<void> {
    for (const entry of this.entries.values()) {
      if (entry.handle?.stillThere?.() === false) {
        const handle = entry.handle;
        entry.handle = null;
        this.setStatus(entry, { state: 'disconnected', detail: 'device gone' });
        await handle.close();
      }
    }
    const missing = [...this.entries.values()].filter((e) => !e.handle && !e.opening);
    if (missing.length === 0 || this.stopped) return;
    let hidList: HidDeviceInfo[] | null = null;
    for (const entry of missing) {
      if (this.stopped) return;
      if (entry.config.kind === 'serial') {
        const loaded = await this.loadSerial();
        if (!loaded.ok) {
          this.setStatus(entry, { state: 'unavailable', detail: loaded.detail });
          continue;
        }
        const settings = entry.config.settings;
        await this.open(entry, () => openSerialScanner(loaded.module, settings, this.callbacks(entry)));
      } else {
        const loaded = await this.loadHid();
        if (!loaded.ok) {
          this.setStatus(entry, { state: 'unavailable', detail: loaded.detail });
          continue;
        }
        try {
          hidList ??= await enumerate(loaded.module);
        } catch (e) {
          this.setStatus(entry, { state: 'disconnected', detail: message(e) });
          continue;
        }
        const path = findHidPath(hidList, entry.config.settings);
        if (!path) {
          this.setStatus(entry, { state: 'disconnected', detail: 'not plugged in' });
          continue;
        }
        await this.open(entry, () => openHidScanner(loaded.module, path, this.callbacks(entry)));
      }
    }
  }

  private async open(entry: Entry, open: () => OpenScanner | Promise<OpenScanner>): Promise<void> {
    entry.opening = true;
    try {
      const handle = await open();
      // Removed, changed or stopped while opening: the handle belongs to nobody.
      if (this.stopped || this.entries.get(entry.config.id) !== entry) {
        await handle.close();
        return;
      }
      entry.handle = handle;
      this.setStatus(entry, { state: 'connected' });
    } catch (e) {
      this.setStatus(entry, { state: 'disconnected', detail: message(e) });
    } finally {
      entry.opening = false;
    }
  }

  private callbacks(entry: Entry) {
    return {
      onCode: (code: string) => {
        if (this.entries.get(entry.config.id) === entry) this.opts.onScan(entry.config.id, code);
      },
      onGone: (detail: string) => {
        entry.handle = null;
        if (this.entries.get(entry.config.id) === entry) this.setStatus(entry, { state: 'disconnected', detail });
      },
    };
  }

  private setStatus(entry: Entry, status: ScannerStatus): void {
    const changed = entry.status.state !== status.state;
    entry.status = status;
    // Only a change of state is news; a retry failing with another message is not.
    if (changed && !this.stopped && this.entries.get(entry.config.id) === entry) this.opts.onStatus(entry.config.id, status);
  }
}

function enumerate(mod: NodeHidModule): Promise<HidDeviceInfo[]> {
  return mod.devicesAsync ? mod.devicesAsync() : Promise.resolve(mod.devices());
}
