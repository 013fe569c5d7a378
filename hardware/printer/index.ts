// The printer driver's public API: the shop's printing service uses only what is exported here.
//
//   renderReceipt(doc, config)          → the receipt's ESC/POS bytes for that printer (async: raster lines)
//   sendToPrinter(config, bytes, opts?) → resolves when the printer has the bytes; throws PrinterError(failure)
//   queryStatus(config, opts?)          → { paperOut, coverOpen } or null when the printer does not answer
//   listOsPrinters()                    → the OS's printer names (`lpstat -p`), [] where there are none
//   prepareRaster(), serialAvailable()  → warm-up / availability for the settings screen
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { PrinterError, type PrinterConfig } from './types';
import { Answers, DEFAULT_STATUS_WAIT_MS, DEFAULT_TIMEOUT_MS, SILENT_LINGER_MS, markAnswers, queryOverLink } from './link';
import { LinkInterface, listOsPrinters, loadSerialPort, osPrinterInterface, openSerial, openTcp, transportKey } from './transports';
import type { PrinterStatus } from './status';
import { canvasWithFonts } from './fonts';

export { renderReceipt, printerPages, PAPER, FEED_BEFORE_CUT } from './render';
export { listOsPrinters, transportKey };
export { PrinterError } from './types';
export type { BarcodeSymbology, PrinterConfig, PrinterFailure, PrinterTransport, ReceiptBlock, ReceiptDoc } from './types';
export type { PrinterStatus } from './status';
export type { CodePage, CodePageNumbers } from './codepages';
export { EPSON_CODE_PAGE_NUMBERS } from './codepages';

export interface SendOptions {
  /** the longest a receipt may take to reach the printer once connected (default 10 s); also the connect timeout */
  timeoutMs?: number;
  /** how long to wait for a status answer before the receipt (default 300 ms; printers that never answer are then not asked) */
  statusWaitMs?: number;
  /** after a receipt to a printer that gives no status, how long a dropped connection still counts as interrupted (150 ms) */
  silentLingerMs?: number;
}

/**
 * Sends the bytes to the printer, through node-thermal-printer's ThermalPrinter.raw() and our transports
 * (see transports.ts for why its own Network interface is not used). TCP and serial: the printer's status is
 * asked first where it answers (paper out / cover open refuse the job before anything prints), and a second
 * answer after the receipt proves the printer took every byte. OS printers: handed to CUPS (`lp -o raw`).
 */
export async function sendToPrinter(config: PrinterConfig, bytes: Uint8Array, opts: SendOptions = {}): Promise<void> {
  const delivery = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    statusWaitMs: opts.statusWaitMs ?? DEFAULT_STATUS_WAIT_MS,
    silentLingerMs: opts.silentLingerMs ?? SILENT_LINGER_MS,
  };
  const t = config.transport;
  const iface = t.kind === 'os' ? osPrinterInterface(t.name, delivery.timeoutMs) : new LinkInterface(t, delivery);
  const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: iface as unknown as string });
  try {
    await printer.raw(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (err) {
    if (err instanceof PrinterError) throw err;
    throw new PrinterError('offline', (err as Error)?.message ?? String(err));
  }
}

/**
 * The printer's paper and cover state (DLE EOT 2 and 4), or null when it does not answer within the time
 * (many printers, every OS printer). Throws PrinterError when the printer cannot be reached at all.
 */
export async function queryStatus(config: PrinterConfig, opts: { timeoutMs?: number } = {}): Promise<PrinterStatus | null> {
  const ms = opts.timeoutMs ?? 1500;
  const t = config.transport;
  if (t.kind === 'os') return null;
  const link = t.kind === 'tcp' ? await openTcp(t.host, t.port, ms) : await openSerial(t.path, t.baud, ms);
  link.lost.catch(() => undefined);
  try {
    const status = await queryOverLink(link, new Answers(link), ms);
    markAnswers(transportKey(t), status !== null);
    return status;
  } finally {
    await link.close().catch(() => undefined);
  }
}

/** Whether serial printing can work on this machine ({ available: false, reason } when the binding is missing). */
export async function serialAvailable(): Promise<{ available: true } | { available: false; reason: string }> {
  try {
    await loadSerialPort();
    return { available: true };
  } catch (err) {
    return { available: false, reason: err instanceof PrinterError ? err.message : String(err) };
  }
}

/**
 * Loads @napi-rs/canvas and registers the receipt fonts now (≈0.3–0.5 s once per process) instead of on the
 * first raster receipt, so that receipt's first byte is not late. Call at startup; never throws (a broken
 * canvas binary shows up as PrinterError('driver_missing') on the raster receipt itself; text receipts print).
 */
export async function prepareRaster(): Promise<{ available: true } | { available: false; reason: string }> {
  try {
    await canvasWithFonts();
    return { available: true };
  } catch (err) {
    return { available: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
