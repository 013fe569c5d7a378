// A real TCP listener standing in for a network receipt printer (raw port 9100), with the ways a real one
// fails: nothing listening (refused), a printer that stops mid-receipt, one that is switched off (absent),
// one that stops taking bytes (hang), and one that answers DLE EOT status requests with paper out / cover open.
import { createServer, type Server, type Socket } from 'node:net';
import { statusAnswer, type PrinterStatus } from '../../hardware/printer/status';

export type TcpPrinterMode =
  /** takes everything; answers DLE EOT unless `answerStatus: false`; `status` is what it answers */
  | { kind: 'accept'; answerStatus?: boolean; status?: PrinterStatus }
  /** the port is closed: connecting is refused */
  | { kind: 'refuse' }
  /** takes `bytes` bytes, then drops the connection (a printer reset or a cable pulled mid-receipt) */
  | { kind: 'stopAfter'; bytes: number; answerStatus?: boolean }
  /** accepts the connection, then never reads or answers (a jammed printer; the socket buffers fill up) */
  | { kind: 'hang' }
  /**
   * an address where no printer is: a host name under .invalid (RFC 6761: never resolves). A switched-off
   * printer's IP address would do on a LAN, but sandboxes and CI proxies answer or refuse unrouted addresses
   * themselves, so the unresolvable name is the one "absent" that behaves the same everywhere.
   */
  | { kind: 'absent' };

export interface TcpPrinter {
  readonly host: string;
  readonly port: number;
  /** `tcp://host:port`, the address a shop types into the printer settings */
  readonly address: string;
  /** every byte received, connection after connection */
  received(): Uint8Array;
  /** bytes per connection */
  readonly connections: Uint8Array[];
  /** resolves once at least `count` bytes have arrived */
  waitForBytes(count: number, timeoutMs?: number): Promise<void>;
  setMode(mode: TcpPrinterMode): void;
  close(): Promise<void>;
}

const OK: PrinterStatus = { paperOut: false, coverOpen: false };

export async function startTcpPrinter(initial: TcpPrinterMode = { kind: 'accept' }): Promise<TcpPrinter> {
  let mode = initial;
  const connections: Uint8Array[] = [];
  const sockets = new Set<Socket>();
  const waiters: (() => void)[] = [];
  const total = () => connections.reduce((n, c) => n + c.length, 0);
  const notify = () => waiters.splice(0).forEach((w) => w());

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const index = connections.push(new Uint8Array(0)) - 1;
    if (mode.kind === 'hang') {
      socket.pause();
      return;
    }
    // the tail of the previous chunk, so a DLE EOT split across two chunks is still seen
    let tail: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      let take = chunk;
      const m = mode;
      if (m.kind === 'stopAfter') {
        const room = m.bytes - (connections[index] as Uint8Array).length;
        take = chunk.subarray(0, Math.max(0, room));
      }
      const before = connections[index] as Uint8Array;
      const next = new Uint8Array(before.length + take.length);
      next.set(before);
      next.set(take, before.length);
      connections[index] = next;
      notify();

      const answersStatus = (m.kind === 'stopAfter' || m.kind === 'accept') && m.answerStatus !== false;
      if (answersStatus) {
        const bytes = [...tail, ...take];
        const answers: number[] = [];
        for (let i = tail.length; i < bytes.length; i++) {
          // a request ends at i: DLE EOT n
          if (i >= 2 && bytes[i - 2] === 0x10 && bytes[i - 1] === 0x04 && [1, 2, 4].includes(bytes[i] as number)) {
            answers.push(statusAnswer(bytes[i] as number, m.kind === 'accept' ? (m.status ?? OK) : OK));
          }
        }
        tail = bytes.slice(-2);
        if (answers.length > 0) socket.write(Uint8Array.from(answers));
      }
      if (m.kind === 'stopAfter' && take.length < chunk.length) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  if (initial.kind === 'refuse') await new Promise<void>((resolve) => server.close(() => resolve()));
  const host = initial.kind === 'absent' ? 'posy-test-printer.invalid' : '127.0.0.1';
  const printerPort = initial.kind === 'absent' ? 9100 : port;

  return {
    host,
    port: printerPort,
    address: `tcp://${host}:${printerPort}`,
    connections,
    received() {
      const out = new Uint8Array(total());
      let at = 0;
      for (const c of connections) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },
    waitForBytes(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`test printer got ${total()} of ${count} bytes`)), timeoutMs);
        const check = () => {
          if (total() >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
    setMode(next) {
      mode = next;
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
