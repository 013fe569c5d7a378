import { realpathSync } from 'node:fs';
import type { Transform } from 'node:stream';
import { cleanCode } from './code';
import type { SerialModule } from './native';
import type { SerialScannerSettings, SerialSuffix } from './types';

export interface OpenScanner {
  close(): Promise<void>;
  /**
   * False when the device node the scanner was opened on is gone or is now another one, for drivers that
   * miss a hangup (a pseudo-terminal's other end closing is not always reported). Absent: always there.
   */
  stillThere?(): boolean;
}

/** The node a path leads to now (a /dev/serial/by-id link, a socat link), or null when there is none. */
function deviceNode(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

export interface ScannerCallbacks {
  onCode(code: string): void;
  /** The device went away (unplugged, read error, closed under us). Called at most once. */
  onGone(detail: string): void;
}

const SUFFIX_BYTES: Record<Exclude<SerialSuffix, 'none'>, string> = { cr: '\r', lf: '\n', crlf: '\r\n', tab: '\t' };

const CLOSE_TIMEOUT_MS = 1000;

/** Longest run of bytes kept in silence mode; a code is far shorter. */
const MAX_PENDING_BYTES = 4096;

function parserFor(mod: SerialModule, settings: SerialScannerSettings): Transform {
  if (settings.suffix === 'none') {
    // No terminator: the scanner sends a code as one fast run of bytes; a pause ends it.
    return new mod.InterByteTimeoutParser({ interval: settings.silenceMs, maxBufferSize: MAX_PENDING_BYTES });
  }
  return new mod.DelimiterParser({ delimiter: Buffer.from(SUFFIX_BYTES[settings.suffix], 'ascii'), includeDelimiter: false });
}

/**
 * Opens a serial scanner. Resolves once the port is open; rejects when it cannot be opened (not there,
 * busy, no permission). A code split across several reads is joined by the parser (suffix or silence).
 */
export function openSerialScanner(mod: SerialModule, settings: SerialScannerSettings, cb: ScannerCallbacks): Promise<OpenScanner> {
  return new Promise((resolve, reject) => {
    let opened = false;
    let gone = false;
    let closing = false;
    const port = new mod.SerialPort({ path: settings.path, baudRate: settings.baudRate, autoOpen: false });
    const parser = parserFor(mod, settings);
    port.pipe(parser);
    parser.on('data', (chunk: Buffer) => {
      const code = cleanCode(chunk.toString('utf8'));
      if (code !== '') cb.onCode(code);
    });
    const goneOnce = (detail: string) => {
      if (gone || closing || !opened) return;
      gone = true;
      cb.onGone(detail);
    };
    port.on('error', (e: Error) => {
      goneOnce(e.message);
      if (port.isOpen) port.close(() => undefined);
    });
    port.on('close', (e?: Error & { disconnected?: boolean }) => goneOnce(e?.message ?? 'closed'));

    port.open((err) => {
      if (err) {
        port.unpipe(parser);
        reject(err);
        return;
      }
      opened = true;
      // Windows' COM3 is no file: only paths of a file system can be watched this way.
      const node = settings.path.startsWith('/') ? deviceNode(settings.path) : null;
      resolve({
        ...(node !== null ? { stillThere: () => deviceNode(settings.path) === node } : {}),
        close: () =>
          new Promise<void>((done) => {
            closing = true;
            port.unpipe(parser);
            parser.destroy();
            if (!port.isOpen) {
              done();
              return;
            }
            // A port whose device vanished may never answer the close; nobody waits on it for long.
            const timer = setTimeout(done, CLOSE_TIMEOUT_MS);
            port.close(() => {
              clearTimeout(timer);
              done();
            });
          }),
      });
    });
  });
}
