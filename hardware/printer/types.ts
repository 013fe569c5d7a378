// What the shop hands to the printer driver and what comes back. The shop composes a receipt as
// blocks of already-translated text; the driver decides text or raster per line, encodes, and sends.
import type { CodePageNumbers } from './codepages';

export type ReceiptBlock =
  | { kind: 'text'; text: string; align?: 'left' | 'center' | 'right'; bold?: boolean; size?: 'normal' | 'large' }
  /** one line, `left` flush left and `right` flush right (a line's name and its amount); wraps `left` when long */
  | { kind: 'columns'; left: string; right: string; bold?: boolean }
  /** a dashed separator across the paper */
  | { kind: 'rule' }
  | { kind: 'qr'; data: string }
  /**
   * a 1-D barcode with its digits printed under it (HRI), centred: EAN-13 (13 digits, check digit included)
   * or CODE128 (printable ASCII); `height` in dots (default 80)
   */
  | { kind: 'barcode'; symbology: BarcodeSymbology; data: string; height?: number }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' }
  /** the cash drawer pulse through the printer's drawer port */
  | { kind: 'drawer' };

export type BarcodeSymbology = 'ean13' | 'code128';

export interface ReceiptDoc {
  blocks: readonly ReceiptBlock[];
}

export type PrinterTransport =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baud: number }
  | { kind: 'os'; name: string };

export interface PrinterConfig {
  transport: PrinterTransport;
  paperMm: 58 | 80;
  /** the printer has RK1048 (Kazakh) and the shop enabled it */
  rk1048: boolean;
  /** `ESC t n` numbers where this printer differs from Epson's */
  codePageNumbers: CodePageNumbers;
  drawer: { pin: 0 | 1; t1: number; t2: number };
}

/** Why a print did not reach paper; the shop turns each into a translated message and a retry. */
export type PrinterFailure =
  | 'offline' // nothing answers at the address
  | 'refused' // connection refused
  | 'timeout' // connected, but the bytes were not taken in time
  | 'interrupted' // the connection dropped mid-receipt
  | 'paper_out' // the printer says so (DLE EOT status), where it reports it
  | 'cover_open'
  | 'not_found' // serial port or OS printer does not exist
  | 'driver_missing'; // a native library (serialport, CUPS/lp) is not available here

export class PrinterError extends Error {
  constructor(
    readonly failure: PrinterFailure,
    detail?: string,
  ) {
    super(detail ? `${failure}: ${detail}` : failure);
    this.name = 'PrinterError';
  }
}
