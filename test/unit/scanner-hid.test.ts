import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { HidPosAssembler, parseHidPosReport } from '../../hardware/scanner/hidpos';
import { ScannerManager } from '../../hardware/scanner/manager';
import { lazy, type HidDeviceInfo, type NodeHidModule } from '../../hardware/scanner/native';
import type { ScannerStatus } from '../../hardware/scanner/types';
import type { BackendEvent } from '../../shop/api/define';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * HID POS scanners through a fake standing exactly where node-hid stands: a module with `devices()` and an
 * `HID` class that emits 'data' (one Buffer per input report) and 'error' (node-hid's unplug), fed with the
 * 64-byte Scanned Data reports a Honeywell scanner sends in HID POS mode (layout in hardware/scanner/hidpos.ts).
 */
const REPORT_SIZE = 64;
const DATA_ROOM = REPORT_SIZE - 5 - 3; // id, length, 3 AIM bytes; vendor code id, reserved, continuation flag

/** The reports a scanner sends for `code`: [0x02, n, ']', 'E', '0', data…, padding, code id, 0, more]. */
function scannedDataReports(code: string | Uint8Array, aim = ']E0', withReportId = true): Buffer[] {
  const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : Buffer.from(code);
  const reports: Buffer[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += DATA_ROOM) {
    const chunk = bytes.subarray(at, at + DATA_ROOM);
    const more = at + DATA_ROOM < bytes.length;
    const report = Buffer.alloc(REPORT_SIZE);
    report[0] = 0x02;
    report[1] = chunk.length;
    report.write(aim, 2, 'latin1');
    chunk.copy(report, 5);
    report[REPORT_SIZE - 3] = 0x64; // Honeywell code id 'd' (EAN-13)
    report[REPORT_SIZE - 1] = more ? 1 : 0;
    reports.push(withReportId ? report : report.subarray(1));
    if (bytes.length === 0) break;
  }
  return reports;
}

class FakeHidDevice extends EventEmitter {
  closed = false;
  constructor(readonly path: string) {
    super();
  }
  close(): void {
    if (this.closed) throw new Error('device already closed');
    this.closed = true;
  }
}

/** node-hid as the driver sees it: plug, unplug and send reports from the test. */
class FakeNodeHid implements NodeHidModule {
  attached: HidDeviceInfo[] = [];
  opened: FakeHidDevice[] = [];
  private counter = 0;
  readonly HID: NodeHidModule['HID'];

  constructor() {
    const isAttached = (path: string) => this.attached.some((d) => d.path === path);
    const opened = (device: FakeHidDevice) => this.opened.push(device);
    this.HID = class extends FakeHidDevice {
      constructor(path: string) {
        super(path);
        if (!isAttached(path)) throw new Error(`cannot open device with path ${path}`);
        opened(this);
      }
    };
  }

  devices(): HidDeviceInfo[] {
    return this.attached.map((d) => ({ ...d }));
  }

  /** Plugs a scanner in: a keyboard interface and a HID POS interface, each with a new node path (as on replug). */
  plug(vendorId = 0x0c2e, productId = 0x0b8f, serialNumber = 'SN1'): string {
    this.counter += 1;
    const pos = `/dev/hidraw${this.counter * 2}`;
    this.attached.push(
      { vendorId, productId, serialNumber, path: `/dev/hidraw${this.counter * 2 - 1}`, usagePage: 0x01, usage: 6, product: 'Voyager 1450g', interface: 0 },
      { vendorId, productId, serialNumber, path: pos, usagePage: 0x8c, usage: 2, product: 'Voyager 1450g', interface: 1 },
    );
    return pos;
  }

  unplug(path: string): void {
    const device = this.attached.find((d) => d.path === path);
    if (!device) throw new Error(`${path} is not plugged in`);
    this.attached = this.attached.filter((d) => d.serialNumber !== device.serialNumber || d.vendorId !== device.vendorId);
    for (const handle of this.live(path)) handle.emit('error', new Error('could not read from HID device'));
  }

  send(path: string, reports: readonly Buffer[]): void {
    const [handle] = this.live(path);
    if (!handle) throw new Error(`nothing has ${path} open`);
    for (const report of reports) handle.emit('data', report);
  }

  live(path: string): FakeHidDevice[] {
    return this.opened.filter((h) => h.path === path && !h.closed);
  }
}

async function until<T>(get: () => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('HID POS report layout', () => {
  it('reads length, AIM identifier, data and the continuation flag, with and without a report id', () => {
    for (const withId of [true, false]) {
      const [report] = scannedDataReports('4601234567893', ']E0', withId);
      const parsed = parseHidPosReport(report!);
      expect(parsed).not.toBeNull();
      expect(Buffer.from(parsed!.data).toString()).toBe('4601234567893');
      expect(parsed!.aim).toBe(']E0');
      expect(parsed!.more).toBe(false);
    }
  });

  it('reads the captured Honeywell report byte for byte (id 2, length 9, ]X0, trailer 0 0 = last)', () => {
    const captured = [2, 9, 93, 88, 48, 117, 109, 58, 32, 78, 47, 65, 13, 10, ...Array<number>(47).fill(0), 63, 0, 0];
    expect(captured).toHaveLength(64);
    const parsed = parseHidPosReport(Uint8Array.from(captured))!;
    expect(Buffer.from(parsed.data).toString()).toBe('um: N/A\r\n');
    expect(parsed).toMatchObject({ aim: ']X0', more: false });
    const first = [2, 56, 93, 88, 48, ...Array<number>(56).fill(65), 63, 0, 1];
    expect(parseHidPosReport(Uint8Array.from(first))).toMatchObject({ more: true, aim: ']X0' });
    expect(parseHidPosReport(Uint8Array.from(first))!.data).toHaveLength(56);
  });

  it('joins a code longer than one report, strips the AIM id, keeps a UTF-8 letter split between reports whole', () => {
    const assembler = new HidPosAssembler();
    const long = `posy:sale:${'0192f4c2-7d3e-7a11-9b2c-3f4e5d6c7b8a'}?shop=${'Гүлдер-ბაღი-'.repeat(4)}`;
    const reports = scannedDataReports(long, ']Q1');
    expect(reports.length).toBeGreaterThanOrEqual(3);
    // the split lands inside a multi-byte letter somewhere: decoding per report would break it
    const codes = reports.map((r) => assembler.push(r));
    expect(codes.slice(0, -1)).toEqual(reports.slice(0, -1).map(() => null));
    expect(codes.at(-1)).toBe(long);
  });

  it('a short code arrives in one report; a report length past the report is clamped, not read beyond', () => {
    const assembler = new HidPosAssembler();
    expect(assembler.push(scannedDataReports('12345670', ']E4')[0]!)).toBe('12345670');
    const lying = scannedDataReports('ABC')[0]!;
    lying[1] = 250;
    const parsed = parseHidPosReport(lying)!;
    expect(parsed.data.length).toBe(REPORT_SIZE - 6);
  });
});

describe('HID scanners through the manager (fake node-hid)', () => {
  let manager: ScannerManager | null = null;
  afterEach(async () => {
    await manager?.stop();
    manager = null;
  });

  it('opens the POS interface, passes codes on, notices an unplug, and reopens on replug without a restart', async () => {
    const hid = new FakeNodeHid();
    const scans: string[] = [];
    const statuses: ScannerStatus['state'][] = [];
    manager = new ScannerManager({
      loadHid: lazy(() => Promise.resolve(hid)),
      pollMs: 30,
      onScan: (id, code) => scans.push(`${id}:${code}`),
      onStatus: (_id, s) => statuses.push(s.state),
    });
    await manager.setConfigs([{ id: 's1', kind: 'hid', settings: { vendorId: 0x0c2e, productId: 0x0b8f, serialNumber: 'SN1' } }]);
    expect(manager.status('s1')).toMatchObject({ state: 'disconnected', detail: 'not plugged in' });

    const first = hid.plug();
    await until(() => manager!.status('s1')?.state === 'connected');
    expect(hid.live(first)).toHaveLength(1); // the HID POS collection, not the keyboard interface
    hid.send(first, scannedDataReports('4601234567893'));
    hid.send(first, scannedDataReports('x'.repeat(150), ']C0'));
    expect(scans).toEqual(['s1:4601234567893', `s1:${'x'.repeat(150)}`]);

    // Unplugged halfway through a long code: the half is dropped, the device is closed and reported.
    hid.send(first, scannedDataReports('y'.repeat(150)).slice(0, 1));
    hid.unplug(first);
    expect(manager.status('s1')?.state).toBe('disconnected');
    expect(hid.live(first)).toHaveLength(0);

    const second = hid.plug();
    expect(second).not.toBe(first);
    await until(() => manager!.status('s1')?.state === 'connected');
    hid.send(second, scannedDataReports('2000000000015'));
    expect(scans.at(-1)).toBe('s1:2000000000015');
    expect(scans).toHaveLength(3);
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('lists devices with the POS scanners marked and first', async () => {
    const hid = new FakeNodeHid();
    hid.plug();
    manager = new ScannerManager({ loadHid: lazy(() => Promise.resolve(hid)), onScan: () => undefined, onStatus: () => undefined });
    const listing = await manager.listDevices();
    expect(listing.availability.hid).toEqual({ available: true });
    expect(listing.hid.map((d) => [d.usagePage, d.posScanner])).toEqual([
      [0x8c, true],
      [0x01, false],
    ]);
  });
});

describe('a missing native module', () => {
  // A real failed import, as when node-hid's binary or libudev is missing on the PC.
  const missing = 'posy-no-such-native-module';
  const broken = lazy(() => import(/* @vite-ignore */ missing) as Promise<NodeHidModule>);

  it('disables only that device type, with the reason; the scanner shows as unavailable', async () => {
    const manager = new ScannerManager({ loadHid: broken, onScan: () => undefined, onStatus: () => undefined });
    await manager.setConfigs([{ id: 's1', kind: 'hid', settings: { vendorId: 1, productId: 2 } }]);
    expect(manager.status('s1')).toMatchObject({ state: 'unavailable', detail: expect.stringContaining(missing) });
    const availability = await manager.availability();
    expect(availability.hid).toMatchObject({ available: false, detail: expect.stringContaining(missing) });
    expect(availability.serial).toEqual({ available: true });
    await manager.stop();
  });

  it('through the backend: devices.ports names the reason, scanners.list marks the scanner, the app runs on', async () => {
    const env = tempBackend({ scanners: { loadHid: broken, pollMs: 50 } });
    const { ok } = callsOn(() => env.backend);
    const events: BackendEvent[] = [];
    env.backend.onEvent((e) => events.push(e));
    try {
      const owner = env.backend.newClient();
      await ok(owner, 'shops.setup', {
        mode: 'new',
        shop: { name: 'Lale', currency: 'KZT', language: 'kk', country: 'KZ' },
        owner: { name: 'Aigerim', password: 'steppe-tulip-9', language: 'kk' },
      });
      const ports = await ok(owner, 'devices.ports', {});
      expect(ports.types.hid).toMatchObject({ available: false, reason: 'errors:devices.hidUnavailable', detail: expect.stringContaining(missing) });
      expect(ports.types.serial).toEqual({ available: true });
      expect(ports.hid).toEqual([]);

      const saved = await ok(owner, 'scanners.save', { name: 'Counter HID', kind: 'hid', settings: { vendorId: 0x0c2e, productId: 0x0b8f } });
      await env.backend.scanners.settled();
      const [listed] = await ok(owner, 'scanners.list', {});
      expect(listed).toMatchObject({ id: saved.id, state: 'unavailable', reason: 'errors:devices.hidUnavailable' });
      expect(events.filter((e) => e.type === 'devices.changed').length).toBeGreaterThanOrEqual(2); // saved; then unavailable
      expect((await ok(owner, 'shops.get', {})).name).toBe('Lale');
    } finally {
      env.dispose();
    }
  });
});

describe('HID scanner through the backend', () => {
  it('a configured HID POS scanner’s code arrives as a scan event; unplug and replug show in scanners.list', async () => {
    const hid = new FakeNodeHid();
    const env = tempBackend({ scanners: { loadHid: lazy(() => Promise.resolve(hid)), pollMs: 30 } });
    const { ok } = callsOn(() => env.backend);
    const events: BackendEvent[] = [];
    env.backend.onEvent((e) => events.push(e));
    try {
      const owner = env.backend.newClient();
      await ok(owner, 'shops.setup', {
        mode: 'new',
        shop: { name: 'Gardenia', currency: 'GEL', language: 'ka', country: 'GE' },
        owner: { name: 'Nino', password: 'tbilisi-rose-7', language: 'ka' },
      });
      const path = hid.plug();
      const ports = await ok(owner, 'devices.ports', {});
      const pos = ports.hid.find((d) => d.posScanner)!;
      const saved = await ok(owner, 'scanners.save', {
        name: 'Voyager',
        kind: 'hid',
        settings: { vendorId: pos.vendorId, productId: pos.productId, ...(pos.serialNumber ? { serialNumber: pos.serialNumber } : {}) },
      });
      await until(() => hid.live(path).length === 1);
      hid.send(path, scannedDataReports('4601234567893'));
      expect(events).toContainEqual({ type: 'scan', code: '4601234567893', scannerId: saved.id });
      expect((await ok(owner, 'scanners.list', {}))[0]).toMatchObject({ state: 'connected' });

      hid.unplug(path);
      expect((await ok(owner, 'scanners.list', {}))[0]).toMatchObject({ state: 'disconnected' });
      const again = hid.plug();
      await until(() => hid.live(again).length === 1);
      expect((await ok(owner, 'scanners.list', {}))[0]).toMatchObject({ state: 'connected' });

      await ok(owner, 'scanners.archive', { id: saved.id });
      await until(() => hid.live(again).length === 0);
      expect(await ok(owner, 'scanners.list', {})).toEqual([]);
    } finally {
      env.dispose();
    }
  });
});
