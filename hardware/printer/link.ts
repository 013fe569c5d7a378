// One open byte stream to a printer (a TCP socket or a serial port) and the delivery of a receipt over it,
// the same for both: ask the status first (where the printer answers), send, then ask again so that an
// answer proves every byte before it reached the printer.
import { PrinterError } from './types';
import { isStatusByte, parseStatus, statusRequest, type PrinterStatus } from './status';

export interface Link {
  /** resolves once the bytes have left this process (drained into the OS) */
  write(bytes: Uint8Array): Promise<void>;
  /** bytes the printer sends back */
  onData(listener: (chunk: Uint8Array) => void): void;
  /** settles with the reason when the far end goes away; never settles while the link is fine */
  readonly lost: Promise<PrinterError>;
  close(): Promise<void>;
  /** drops the link at once (after a failure: nothing more is owed to the printer) */
  destroy(): void;
}

export interface DeliveryOptions {
  /** how long the whole delivery may take once connected */
  timeoutMs: number;
  /** how long to wait for a first status answer from a printer not yet known to give one */
  statusWaitMs: number;
  /** after a receipt to a printer that gives no status: how long a dropped connection still counts */
  silentLingerMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_STATUS_WAIT_MS = 300;
/** After a receipt to a printer that does not answer status: how long a drop still counts as interrupted. */
export const SILENT_LINGER_MS = 150;

/** Collects the printer's answers; `take(count, ms)` waits for that many status bytes or gives null. */
export class Answers {
  private bytes: number[] = [];
  private waiter: (() => void) | undefined;

  constructor(link: Link) {
    link.onData((chunk) => {
      for (const b of chunk) if (isStatusByte(b)) this.bytes.push(b);
      this.waiter?.();
    });
  }

  clear(): void {
    this.bytes = [];
  }

  async take(count: number, ms: number, lost: Promise<PrinterError>): Promise<number[] | null> {
    const deadline = Date.now() + ms;
    while (this.bytes.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) return null;
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        new Promise<'data'>((resolve) => {
          this.waiter = () => resolve('data');
        }),
        new Promise<'time'>((resolve) => {
          timer = setTimeout(() => resolve('time'), left);
        }),
        lost.then((err) => err),
      ]);
      clearTimeout(timer);
      this.waiter = undefined;
      if (outcome instanceof PrinterError) throw outcome;
      if (outcome === 'time' && this.bytes.length < count) return null;
    }
    return this.bytes.splice(0, count);
  }
}

// Printers that did not answer a status request: not asked again before each receipt (the wait would delay
// every receipt), until they answer a queryStatus.
const silentPrinters = new Set<string>();

export function markAnswers(key: string, answers: boolean): void {
  if (answers) silentPrinters.delete(key);
  else silentPrinters.add(key);
}

async function withTimeout<T>(work: Promise<T>, ms: number, lost: Promise<PrinterError>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      lost.then((err) => Promise.reject(err)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PrinterError('timeout', what)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function queryOverLink(link: Link, answers: Answers, ms: number): Promise<PrinterStatus | null> {
  await link.write(statusRequest(2, 4));
  const got = await answers.take(2, ms, link.lost);
  return got ? parseStatus(got[0] as number, got[1] as number) : null;
}

function refuseFor(status: PrinterStatus): void {
  if (status.paperOut) throw new PrinterError('paper_out', 'the printer reports paper out');
  if (status.coverOpen) throw new PrinterError('cover_open', 'the printer reports its cover open');
}

/** Sends a whole receipt over an open link; throws PrinterError, closes the link either way. */
export async function deliver(key: string, link: Link, bytes: Uint8Array, opts: DeliveryOptions): Promise<void> {
  const answers = new Answers(link);
  // An error surfacing on `lost` after we gave up must not become an unhandled rejection.
  link.lost.catch(() => undefined);
  try {
    let answering = false;
    if (!silentPrinters.has(key)) {
      const status = await queryOverLink(link, answers, Math.min(opts.statusWaitMs, opts.timeoutMs));
      answering = status !== null;
      markAnswers(key, answering);
      if (status) refuseFor(status);
    }
    const started = Date.now();
    await withTimeout(link.write(bytes), opts.timeoutMs, link.lost, 'the printer did not take the receipt in time');
    if (answering) {
      // Real-time requests are answered as they arrive, so this answer means every byte before it arrived.
      answers.clear();
      await link.write(statusRequest(1));
      const left = Math.max(1, opts.timeoutMs - (Date.now() - started));
      const got = await answers.take(1, left, link.lost);
      if (!got) throw new PrinterError('timeout', 'the printer stopped answering during the receipt');
    } else {
      // No answer will prove delivery: linger briefly so that a printer which dropped the connection
      // mid-receipt (its reset of the bytes it never read arrives within milliseconds) is caught here,
      // rather than taken for a clean close after ours.
      const dropped = await Promise.race([link.lost, new Promise<null>((resolve) => setTimeout(() => resolve(null), opts.silentLingerMs ?? SILENT_LINGER_MS))]);
      if (dropped) throw dropped;
    }
    await withTimeout(link.close(), Math.max(1000, opts.timeoutMs), link.lost, 'the connection did not close in time');
  } catch (err) {
    link.destroy();
    throw err;
  }
}
