/** The two kinds of scanner that are not keyboards. Keyboard-wedge scanners need no driver at all. */
export type ScannerKind = 'serial' | 'hid';

/** What ends one code on a serial line. `none`: a silence between bytes does. */
export type SerialSuffix = 'cr' | 'lf' | 'crlf' | 'tab' | 'none';

export interface SerialScannerSettings {
  /** e.g. /dev/ttyUSB0, /dev/serial/by-id/…, COM3 */
  path: string;
  baudRate: number;
  suffix: SerialSuffix;
  /** With suffix `none`: this many ms without a byte end a code. */
  silenceMs: number;
}

export interface HidScannerSettings {
  vendorId: number;
  productId: number;
  /** Tells two scanners of the same model apart; absent: the first of that model. */
  serialNumber?: string;
}

export type ScannerConfig =
  | { id: string; kind: 'serial'; settings: SerialScannerSettings }
  | { id: string; kind: 'hid'; settings: HidScannerSettings };

/**
 * `connected`: open and reading. `disconnected`: configured but not there (unplugged, busy, no such port):
 * retried every poll. `unavailable`: its device type cannot work on this PC (native library missing).
 */
export type ScannerState = 'connected' | 'disconnected' | 'unavailable';

export interface ScannerStatus {
  state: ScannerState;
  /** Why it is not connected, as the system said it (for the log and a tooltip; not translated). */
  detail?: string;
}

/** Whether a device type works on this PC; `detail` is the loader's error when it does not. */
export interface TypeAvailability {
  available: boolean;
  detail?: string;
}

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export interface HidDeviceListing {
  vendorId: number;
  productId: number;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  usagePage?: number;
  usage?: number;
  /** Usage page 0x8C: a scanner in HID POS mode (not one typing as a keyboard). */
  posScanner: boolean;
}
