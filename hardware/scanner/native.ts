import type * as Serialport from 'serialport';
import type { SerialPortInfo } from './types';

/**
 * serialport and node-hid carry native code (and node-hid needs hidraw/libudev on Linux). They are
 * loaded on first use, never at start: when one cannot load, only its device type is disabled, with the
 * loader's error as the reason, and the rest of the app runs.
 */
export type Loaded<T> = { ok: true; module: T } | { ok: false; detail: string };
export type Loader<T> = () => Promise<Loaded<T>>;

/** The part of node-hid the scanner driver uses (the fake in the tests stands exactly here). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface?: number;
}

export interface HidHandle {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(event?: string): unknown;
  close(): void;
}

export interface NodeHidModule {
  devices(): HidDeviceInfo[];
  devicesAsync?: () => Promise<HidDeviceInfo[]>;
  HID: new (path: string) => HidHandle;
}

/** The part of serialport the scanner driver uses. */
export type SerialModule = Pick<typeof Serialport, 'SerialPort' | 'DelimiterParser' | 'InterByteTimeoutParser'>;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Loads once; the answer (module or failure) is kept: a missing library does not appear without a restart. */
export function lazy<T>(load: () => Promise<T>): Loader<T> {
  let loaded: Promise<Loaded<T>> | null = null;
  return () =>
    (loaded ??= load().then(
      (module): Loaded<T> => ({ ok: true, module }),
      (e: unknown): Loaded<T> => ({ ok: false, detail: message(e) }),
    ));
}

/** CommonJS packages imported from ES modules (and esbuild's CJS bundle) may come wrapped in `default`. */
function unwrap<T>(mod: unknown): T {
  const m = mod as { default?: T };
  return (m.default && typeof m.default === 'object' ? m.default : mod) as T;
}

export const loadSerialport: Loader<SerialModule> = lazy(async () => {
  const mod = unwrap<SerialModule>(await import('serialport'));
  if (typeof mod.SerialPort !== 'function') throw new Error('serialport did not load');
  return mod;
});

export const loadNodeHid: Loader<NodeHidModule> = lazy(async () => {
  const mod = unwrap<NodeHidModule>(await import('node-hid'));
  // Listing once proves the native part (hidraw, libudev) works here, not only that the JS loaded.
  mod.devices();
  return mod;
});

export async function listSerialPorts(mod: SerialModule): Promise<SerialPortInfo[]> {
  const ports = await mod.SerialPort.list();
  return ports.map((p) => ({
    path: p.path,
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.vendorId ? { vendorId: p.vendorId } : {}),
    ...(p.productId ? { productId: p.productId } : {}),
  }));
}
