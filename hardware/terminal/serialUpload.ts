import type { SerialModule } from '../scanner/native';

/**
 * A data-collection terminal in its cradle sends its counted lines down a serial line (or a USB virtual
 * COM port) as plain text, the same lines it would write to a file. Terminals end the upload in one of
 * three ways: a line "END" or "EOF", a Ctrl-Z byte (the DOS end-of-file), or by simply going quiet.
 * The bytes are kept raw: the encoding is decided later, by whoever reads the lines.
 */
export type UploadEnd = 'marker' | 'silence' | 'cancelled' | 'gone' | 'timeout' | 'tooLarge';

export interface UploadResult {
  bytes: Uint8Array;
  lines: number;
  ended: UploadEnd;
  /** The system's own words when the port went away. */
  detail?: string;
}

export interface SerialUploadOptions {
  path: string;
  baudRate: number;
  /** Quiet after the first data that ends the upload. */
  silenceMs?: number;
  /** How long to wait for the first byte before giving up. */
  waitMs?: number;
  maxBytes?: number;
  /** Called as lines arrive (every chunk); cheap, the caller throttles what it sends on. */
  onProgress?(progress: { bytes: number; lines: number }): void;
}

export interface SerialUpload {
  /** Settles once the upload has ended (for any reason), with what was received; never rejects. */
  readonly done: Promise<UploadResult>;
  cancel(): void;
}

export const DEFAULT_SILENCE_MS = 3000;
export const DEFAULT_WAIT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const CLOSE_TIMEOUT_MS = 1000;

const LF = 0x0a;
const CR = 0x0d;
const CTRL_Z = 0x1a;
/** Longest line still looked at as a possible end marker ("EOF" with spaces around it). */
const MARKER_MAX = 16;

/** Whether the bytes of one line are an end marker. */
function isEndMarker(line: number[]): boolean {
  const text = String.fromCharCode(...line).trim().toUpperCase();
  return text === 'END' || text === 'EOF';
}

/**
 * Collects bytes, counting lines and watching for the end of the upload. Separate from the port so the
 * rules can be read (and tested) without one.
 */
export class UploadCollector {
  private buffer = Buffer.alloc(64 * 1024);
  private length = 0;
  /** where the line being received starts in the buffer */
  private lineStart = 0;
  /** the line's first bytes, for the end-marker check */
  private line: number[] = [];
  private lineLength = 0;
  private lastWasCr = false;
  lines = 0;
  ended: UploadEnd | null = null;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  get size(): number {
    return this.length;
  }

  /** Takes a chunk; returns true when the upload has ended (marker or size). */
  push(chunk: Uint8Array): boolean {
    for (let i = 0; i < chunk.length && this.ended === null; i++) {
      const byte = chunk[i] as number;
      if (byte === CTRL_Z) {
        this.endLine(true);
        this.ended = 'marker';
        break;
      }
      if (byte === LF || byte === CR) {
        // CR LF is one line end; a terminal that sends CR alone still ends its lines
        const crlf = byte === LF && this.lastWasCr;
        this.lastWasCr = byte === CR;
        if (!crlf && this.endLine(false)) break;
        this.append(byte);
        this.lineStart = this.length;
        continue;
      }
      this.lastWasCr = false;
      if (this.length >= this.maxBytes) {
        this.ended = 'tooLarge';
        break;
      }
      this.append(byte);
      if (this.lineLength < MARKER_MAX) this.line.push(byte);
      this.lineLength++;
    }
    return this.ended !== null;
  }

  /** Ends the line in progress; true when it was an end marker (then it is dropped from the data). */
  private endLine(final: boolean): boolean {
    const marker = this.lineLength > 0 && this.lineLength <= MARKER_MAX && isEndMarker(this.line);
    if (marker) {
      this.length = this.lineStart;
      this.ended = 'marker';
    } else if (this.line.some((b) => b !== 0x20 && b !== 0x09)) {
      this.lines++;
    }
    this.line = [];
    this.lineLength = 0;
    if (final) this.lineStart = this.length;
    return marker;
  }

  /** What was received; a last line without a line end counts too (and is dropped when it is a marker). */
  finish(ended: UploadEnd): UploadResult {
    if (this.ended === null) {
      this.endLine(true);
      this.ended ??= ended;
    }
    return { bytes: Uint8Array.from(this.buffer.subarray(0, this.length)), lines: this.lines, ended: this.ended };
  }

  private append(byte: number): void {
    if (this.length === this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger);
      this.buffer = bigger;
    }
    this.buffer[this.length++] = byte;
  }
}

/**
 * Opens the port and listens. Resolves once the port is open (rejects when it cannot be: not there,
 * busy, no permission); `done` then settles when the terminal has finished, went quiet, went away, or
 * the upload was cancelled.
 */
export function startSerialUpload(mod: SerialModule, opts: SerialUploadOptions): Promise<SerialUpload> {
  const silenceMs = opts.silenceMs ?? DEFAULT_SILENCE_MS;
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  const collector = new UploadCollector(opts.maxBytes ?? DEFAULT_MAX_BYTES);
  return new Promise((resolve, reject) => {
    const port = new mod.SerialPort({ path: opts.path, baudRate: opts.baudRate, autoOpen: false });
    let settle: (r: UploadResult) => void = () => undefined;
    const done = new Promise<UploadResult>((r) => (settle = r));
    let timer: NodeJS.Timeout | null = null;
    let finished = false;

    const finish = (ended: UploadEnd, detail?: string) => {
      if (finished) return;
      finished = true;
      if (timer) clearTimeout(timer);
      port.removeAllListeners('data');
      const result = collector.finish(ended);
      if (detail !== undefined && result.ended === 'gone') result.detail = detail;
      const closed = new Promise<void>((r) => {
        if (!port.isOpen) return r();
        // A port whose device vanished may never answer the close; nobody waits on it for long.
        const t = setTimeout(r, CLOSE_TIMEOUT_MS);
        port.close(() => {
          clearTimeout(t);
          r();
        });
      });
      void closed.then(() => settle(result));
    };
    const arm = (ms: number, ended: UploadEnd) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => finish(ended), ms);
    };

    port.on('data', (chunk: Buffer) => {
      const ended = collector.push(chunk);
      opts.onProgress?.({ bytes: collector.size, lines: collector.lines });
      if (ended) finish(collector.ended ?? 'marker');
      else arm(silenceMs, 'silence');
    });
    port.on('error', (e: Error) => finish('gone', e.message));
    port.on('close', (e?: Error) => finish('gone', e?.message ?? 'closed'));

    port.open((err) => {
      if (err) {
        reject(err);
        return;
      }
      arm(waitMs, 'timeout');
      resolve({ done, cancel: () => finish('cancelled') });
    });
  });
}
