import { HidPosAssembler } from './hidpos';
import type { HidDeviceInfo, NodeHidModule } from './native';
import type { OpenScanner, ScannerCallbacks } from './serial';
import type { HidDeviceListing, HidScannerSettings } from './types';

/** HID usage page of barcode scanners (HID POS Usage Tables). A scanner typing as a keyboard is on page 0x01. */
export const HID_POS_USAGE_PAGE = 0x8c;

export function describeHidDevices(devices: readonly HidDeviceInfo[]): HidDeviceListing[] {
  const seen = new Set<string>();
  const out: HidDeviceListing[] = [];
  for (const d of devices) {
    const posScanner = d.usagePage === HID_POS_USAGE_PAGE;
    // One physical device shows once per interface/collection; list each (vendor, product, serial, POS) once.
    const key = `${d.vendorId}:${d.productId}:${d.serialNumber ?? ''}:${posScanner}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      vendorId: d.vendorId,
      productId: d.productId,
      ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
      ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
      ...(d.product ? { product: d.product } : {}),
      ...(d.usagePage !== undefined ? { usagePage: d.usagePage } : {}),
      ...(d.usage !== undefined ? { usage: d.usage } : {}),
      posScanner,
    });
  }
  // POS scanners first: they are what the person is looking for.
  return out.sort((a, b) => Number(b.posScanner) - Number(a.posScanner));
}

/**
 * The device node to open for a configured scanner: its HID POS collection when the device lists one
 * (a scanner may also expose a keyboard interface), else any interface of that vendor/product/serial.
 */
export function findHidPath(devices: readonly HidDeviceInfo[], s: HidScannerSettings): string | null {
  const matching = devices.filter(
    (d) => d.vendorId === s.vendorId && d.productId === s.productId && (!s.serialNumber || d.serialNumber === s.serialNumber) && d.path,
  );
  const pos = matching.find((d) => d.usagePage === HID_POS_USAGE_PAGE) ?? matching[0];
  return pos?.path ?? null;
}

/** Opens the HID device at `path` and turns its Scanned Data reports into codes. Throws when it cannot be opened. */
export function openHidScanner(mod: NodeHidModule, path: string, cb: ScannerCallbacks): OpenScanner {
  const device = new mod.HID(path);
  const assembler = new HidPosAssembler();
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    assembler.reset();
    device.removeAllListeners('data');
    device.removeAllListeners('error');
    // node-hid throws when closing a device that is already gone; there is nothing left to release then.
    try {
      device.close();
    } catch {
      /* already closed */
    }
  };
  device.on('data', (report: Buffer) => {
    const code = assembler.push(report);
    if (code !== null) cb.onCode(code);
  });
  // node-hid reports an unplug as a read error ("could not read from HID device").
  device.on('error', (e: unknown) => {
    if (done) return;
    stop();
    cb.onGone(e instanceof Error ? e.message : String(e));
  });
  return {
    close: () => {
      stop();
      return Promise.resolve();
    },
  };
}
