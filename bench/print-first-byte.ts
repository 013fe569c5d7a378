/**
 * "Pay to first receipt byte": from the `sales.commit` call to the first byte of the receipt at a
 * network printer (a TCP listener on this machine that answers status requests as a printer does).
 * Includes the commit, the print worker's wake-up after the commit, composing the receipt, rendering
 * it (the Georgian one as raster lines) and connecting. The printer's status request (DLE EOT), sent
 * before the receipt, is not counted as a receipt byte.
 *
 * Each language gets a fresh demo shop in `dir`; a few warm-up sales first (the first one loads the
 * driver and the fonts), then SALES measured sales, each waited out before the next.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { Backend } from '../shop/backend';
import type { ClientState } from '../shop/api/define';
import type { Language } from '../shop/api/schemas';
import { demoUser } from '../shop/demo/seed';
import { median, p95 } from './stats';
import type { Figure } from './stats';


const WARM_UP = 3;
const SALES = 20;
const STATUS_OK = 0x12; // DLE EOT n answer: online, no error, paper present

interface Listener {
  port: number;
  /** resolves at the first byte of the next receipt (a byte that is not part of a status request) */
  nextReceiptByte(timeoutMs: number): Promise<number>;
  close(): Promise<void>;
}

async function listen(): Promise<Listener> {
  const sockets = new Set<Socket>();
  let waiter: ((at: number) => void) | null = null;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let pending: number[] = [];
    let seenReceipt = false;
    socket.on('data', (chunk: Buffer) => {
      const at = performance.now();
      const bytes = [...pending, ...chunk];
      pending = [];
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] === 0x10) {
          if (i + 2 >= bytes.length) {
            pending = bytes.slice(i);
            break;
          }
          if (bytes[i + 1] === 0x04) {
            socket.write(Uint8Array.of(STATUS_OK));
            i += 2;
            continue;
          }
        }
        if (!seenReceipt) {
          seenReceipt = true;
          const w = waiter;
          waiter = null;
          w?.(at);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    nextReceiptByte(timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no receipt reached the printer')), timeoutMs);
        waiter = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      });
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function ok<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

async function measure(dir: string, language: Language): Promise<number[]> {
  const backend = Backend.boot({ dataDir: join(dir, `print-first-byte-${language}`) });
  const printer = await listen();
  try {
    const owner = backend.newClient();
    await ok(backend, owner, 'shops.setup', { mode: 'demo', language });
    const picker = await ok<{ id: string; role: string }[]>(backend, owner, 'users.picker', {});
    const user = picker.find((u) => u.role === 'owner');
    if (!user) throw new Error('no owner');
    await ok(backend, owner, 'users.signIn', { userId: user.id, secret: demoUser('owner').password });
    await ok(backend, owner, 'shifts.open', { openingFloat: 10_000 });
    await ok(backend, owner, 'printers.save', {
      name: 'Bench',
      transport: 'tcp',
      address: `tcp://127.0.0.1:${printer.port}`,
      paperMm: 80,
      isDefault: true,
    });
    const productIds = backend.db
      .prepare(`SELECT product_id FROM lot_balances GROUP BY product_id HAVING sum(quantity) >= 100 ORDER BY product_id LIMIT 3`)
      .pluck()
      .all() as string[];
    if (productIds.length < 3) throw new Error('the demo shop has too little stock for the bench');
    const lines = productIds.map((productId, i) => ({ productId, quantity: i + 1 }));
    const quote = await ok<{ cashTotal: number }>(backend, owner, 'sales.quote', { lines });
    const input = { lines, payments: [{ method: 'cash', tendered: quote.cashTotal + 500 }] };
    const jobDone = backend.db.prepare(`SELECT status FROM print_jobs WHERE id = ?`).pluck();

    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + SALES; i++) {
      const arrived = printer.nextReceiptByte(10_000);
      const started = performance.now();
      const sale = await ok<{ printJobId: string | null }>(backend, owner, 'sales.commit', input);
      const at = await arrived;
      if (i >= WARM_UP) samples.push(at - started);
      // the next sale starts on an idle printer
      for (let waited = 0; jobDone.get(sale.printJobId) !== 'done'; waited += 5) {
        if (waited > 10_000) throw new Error('the receipt was not printed');
        await new Promise((r) => setTimeout(r, 5));
      }
    }
    return samples;
  } finally {
    backend.shutdown();
    await printer.close();
  }
}

export async function benchPrintFirstByte(dir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  const runs: [Language, string, number][] = [
    ['ru', 'pay to first receipt byte, text receipt (Russian, CP866)', 200],
    ['ka', 'pay to first receipt byte, raster receipt (Georgian)', 600],
  ];
  for (const [language, name, target] of runs) {
    const samples = await measure(dir, language);
    figures.push({ name: `${name}, p95 of ${SALES}`, value: p95(samples), unit: 'ms', target });
    figures.push({ name: `${name}, median`, value: median(samples), unit: 'ms', target: null });
  }
  return figures;
}
