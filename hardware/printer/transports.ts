// The three ways bytes reach a printer, each behind node-thermal-printer's Interface contract
// (execute(buffer) / isPrinterConnected()), so that every receipt goes out through its ThermalPrinter.raw().
//
// Why not node-thermal-printer's own Network interface: it destroys the socket as soon as the write callback
// fires, so a printer that drops the connection mid-receipt looks like a printed receipt, and it reports raw
// socket errors with no status (paper out). Its text and drawer commands are not used either: its text
// encoding goes through iconv-lite, which prints `?` for a letter the page lacks, and its openCashDrawer()
// appends CD_KICK_2 + CD_KICK_5 = 1B 70 00 1B 70 01 (lib/types/epson-config.js), two 3-byte halves of the
// 5-byte ESC p m t1 t2, so the printer reads 1B 70 00 1B 70 (t1 = 0x1B, t2 = 0x70) and then a stray 01.
// Its Printer interface is used as it is meant to be: for OS printers, with a driver object (here `lp`).
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type * as SerialPortTypes from 'serialport';
import { platform } from 'node:os';
import Interface from 'node-thermal-printer/lib/interfaces/interface.js';
import OsPrinterInterface from 'node-thermal-printer/lib/interfaces/printer.js';
import { PrinterError, type PrinterTransport } from './types';
import { deliver, type DeliveryOptions, type Link } from './link';

export function transportKey(t: PrinterTransport): string {
  if (t.kind === 'tcp') return `tcp://${t.host}:${t.port}`;
  if (t.kind === 'serial') return `serial:${t.path}`;
  return `os:${t.name}`;
}

// ---- TCP (a network printer's raw port, usually 9100) ------------------------------------------------

function connectFailure(err: NodeJS.ErrnoException, where: string): PrinterError {
  if (err.code === 'ECONNREFUSED') return new PrinterError('refused', `${where} refused the connection`);
  // host unknown, unreachable or silent: to the cashier, the printer is not there
  return new PrinterError('offline', `${where}: ${err.code ?? err.message}`);
}

export function openTcp(host: string, port: number, timeoutMs: number): Promise<Link> {
  const where = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrinterError('offline', `${where} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(connectFailure(err, where));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(tcpLink(socket, where));
    });
  });
}

function tcpLink(socket: Socket, where: string): Link {
  let closing = false;
  const lost = new Promise<PrinterError>((resolve) => {
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(new PrinterError('interrupted', `${where}: ${err.code ?? err.message}`)));
    // A printer never closes a raw connection first: when it does, it did not take the whole receipt.
    socket.on('end', () => {
      if (!closing) resolve(new PrinterError('interrupted', `${where} closed the connection`));
    });
    socket.on('close', () => {
      if (!closing) resolve(new PrinterError('interrupted', `${where} closed the connection`));
    });
  });
  return {
    lost,
    onData: (listener) => socket.on('data', (chunk: Buffer) => listener(chunk)),
    write: (bytes) =>
      new Promise((resolve, reject) => {
        socket.write(bytes, (err) => (err ? reject(new PrinterError('interrupted', `${where}: ${err.message}`)) : resolve()));
      }),
    close: () =>
      new Promise((resolve) => {
        if (socket.destroyed) return resolve();
        closing = true;
        socket.once('close', () => resolve());
        // end() sends FIN after everything written: the printer gets the whole receipt, then the close.
        socket.end();
        // a far end that never acknowledges the close is not a reason to hold the job
        setTimeout(() => socket.destroy(), 2000).unref();
      }),
    destroy: () => {
      closing = true;
      socket.destroy();
    },
  };
}

// ---- serial (RS-232, or USB printers that show up as a serial port) -----------------------------------

type SerialPortModule = typeof SerialPortTypes;
let serialModule: Promise<SerialPortModule> | undefined;

/** serialport with its native binding, or PrinterError('driver_missing') with the reason: never a crash. */
export function loadSerialPort(): Promise<SerialPortModule> {
  serialModule ??= import('serialport')
    .then((mod) => {
      // esbuild's CommonJS bundle may hand the package over wrapped in `default`
      const m = (mod as SerialPortModule & { default?: SerialPortModule }).SerialPort ? mod : (mod as { default?: SerialPortModule }).default;
      if (!m?.SerialPort) throw new Error('the serialport package has no SerialPort export');
      return m;
    })
    .catch((err: Error) => {
      serialModule = undefined;
      throw new PrinterError('driver_missing', `serialport's native binding did not load: ${err.message}`);
    });
  return serialModule;
}

export async function openSerial(path: string, baudRate: number, timeoutMs: number): Promise<Link> {
  const { SerialPort } = await loadSerialPort();
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new PrinterError('timeout', `${path} did not open in time`)), timeoutMs);
    port.open((err) => {
      clearTimeout(timer);
      if (!err) return resolve();
      const msg = err.message;
      if (/ENOENT|No such file|cannot find|File not found/i.test(msg)) reject(new PrinterError('not_found', `${path}: ${msg}`));
      else if (/EACCES|Permission denied|Access denied/i.test(msg))
        reject(new PrinterError('not_found', `${path}: permission denied (on Linux the user must be in the dialout group)`));
      else reject(new PrinterError('offline', `${path}: ${msg}`));
    });
  });
  let closing = false;
  const lost = new Promise<PrinterError>((resolve) => {
    port.on('error', (err: Error) => resolve(new PrinterError('interrupted', `${path}: ${err.message}`)));
    port.on('close', () => {
      if (!closing) resolve(new PrinterError('interrupted', `${path} went away (unplugged?)`));
    });
  });
  return {
    lost,
    onData: (listener) => port.on('data', (chunk: Buffer) => listener(chunk)),
    write: (bytes) =>
      new Promise((resolve, reject) => {
        port.write(Buffer.from(bytes));
        // drain: tcdrain(), every byte left the UART (or the pty)
        port.drain((err) => (err ? reject(new PrinterError('interrupted', `${path}: ${err.message}`)) : resolve()));
      }),
    close: () =>
      new Promise((resolve) => {
        if (!port.isOpen) return resolve();
        closing = true;
        port.close(() => resolve());
      }),
    destroy: () => {
      closing = true;
      // flush first: bytes still queued in the OS would otherwise print after the job was given up on
      if (port.isOpen) port.flush(() => port.close(() => undefined));
    },
  };
}

// ---- node-thermal-printer interfaces ---------------------------------------------------------------

/** A TCP or serial printer as a node-thermal-printer Interface. */
export class LinkInterface extends Interface {
  constructor(
    private readonly transport: Exclude<PrinterTransport, { kind: 'os' }>,
    private readonly opts: DeliveryOptions,
  ) {
    super();
  }

  override getPrinterName(): string {
    return transportKey(this.transport);
  }

  open(): Promise<Link> {
    const t = this.transport;
    return t.kind === 'tcp' ? openTcp(t.host, t.port, this.opts.timeoutMs) : openSerial(t.path, t.baud, this.opts.timeoutMs);
  }

  override async isPrinterConnected(): Promise<boolean> {
    try {
      await (await this.open()).close();
      return true;
    } catch {
      return false;
    }
  }

  override async execute(buffer: Buffer): Promise<void> {
    const link = await this.open();
    await deliver(transportKey(this.transport), link, buffer, { ...this.opts, timeoutMs: this.timeoutFor(buffer.length) });
  }

  /**
   * A serial line is slow: a Georgian receipt of 30 raster lines is ~70 KB, over a minute at 9600 baud.
   * The time allowed is the caller's, or the line's own transmit time (10 bits a byte) with room to spare.
   */
  private timeoutFor(bytes: number): number {
    if (this.transport.kind !== 'serial') return this.opts.timeoutMs;
    const transmitMs = (bytes * 10 * 1000) / Math.max(1, this.transport.baud);
    return Math.max(this.opts.timeoutMs, Math.ceil(transmitMs * 1.5) + 2000);
  }
}

// ---- OS printers (CUPS `lp`) --------------------------------------------------------------------------

interface LpResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], input: Uint8Array | null, timeoutMs: number): Promise<LpResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new PrinterError('timeout', `${cmd} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        err.code === 'ENOENT'
          ? new PrinterError('driver_missing', `${cmd} is not installed (CUPS client tools are needed for OS printers)`)
          : new PrinterError('offline', `${cmd}: ${err.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // lp exiting early is reported by its exit code
    child.stdin.end(input ?? undefined);
  });
}

/** The driver object node-thermal-printer's Printer interface calls (the shape of the `printer` module's). */
export function cupsDriver(timeoutMs: number) {
  return {
    getPrinters: () => [] as { name: string; attributes: string[] }[],
    getPrinter: (name: string) => ({ name, status: [] as string[] }),
    printDirect(job: { data: Buffer; printer: string; success: (id: string) => void; error: (err: unknown) => void }): void {
      if (platform() === 'win32') {
        job.error(
          new PrinterError(
            'driver_missing',
            'printing raw to a Windows printer needs a native spooler module (e.g. @thiagoelg/node-printer) that Posy does not ship; connect the printer by network or by its (USB-)serial port',
          ),
        );
        return;
      }
      // -o raw: CUPS passes the ESC/POS bytes untouched instead of rendering them as a document
      run('lp', ['-d', job.printer, '-o', 'raw'], job.data, timeoutMs).then(({ code, stdout, stderr }) => {
        if (code === 0) return job.success(stdout.trim());
        const msg = (stderr || stdout).trim();
        if (/unknown destination|does not exist|not exist|No such/i.test(msg)) job.error(new PrinterError('not_found', msg));
        else job.error(new PrinterError('offline', msg || `lp exited with ${code}`));
      }, job.error);
    },
  };
}

export function osPrinterInterface(name: string, timeoutMs: number): Interface {
  return new OsPrinterInterface(name, cupsDriver(timeoutMs));
}

/** Printer names the OS knows (`lpstat -p`); [] where there is no CUPS client (Windows, a bare Linux). */
export async function listOsPrinters(timeoutMs = 5000): Promise<string[]> {
  if (platform() === 'win32') return [];
  try {
    const { code, stdout } = await run('lpstat', ['-p'], null, timeoutMs);
    if (code !== 0) return [];
    // "printer Receipt is idle.  enabled since ..." — the first word is translated in some locales, so the name
    // is the second field; indented lines are descriptions of the printer above.
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '' && !/^\s/.test(line))
      .map((line) => line.split(/\s+/)[1])
      .filter((name): name is string => name !== undefined && name !== '');
  } catch {
    return [];
  }
}
