import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { handler, type ClientState, type HandlerMap } from '../shop/api/define';
import { handlers } from '../shop/api/handlers';
import { Backend } from '../shop/backend';
import { gtinCheckDigit } from '../shop/catalog/barcode';
import { createProduct } from '../shop/catalog/products';
import { demoUser, seedDemoShop } from '../shop/demo/seed';
import { median, percentile, timed, type Figure } from './stats';

/**
 * The figure: import and match a 10,000-line terminal file (≤ 500 ms). A demo shop plus 2,000
 * products with EAN-13 codes; the file is what a Russian terminal writes: Windows-1251, CRLF, a header,
 * barcode;quantity;name, mostly known codes (repeated, as stems are counted in several places), some
 * unknown, a few bad lines. Measured through the dispatcher: terminals.preview (read, match, no writes)
 * and terminals.import (the same, then the count entries, the import row and the audit, one transaction).
 */

const PRODUCTS = 2_000;
const LINES = 10_000;
const RUNS = 10;
const TARGET_MS = 500;

const ean13 = (n: number) => {
  const data = `460${String(n).padStart(9, '0')}`;
  return data + String(gtinCheckDigit(data));
};

const benchHandlers = {
  ...handlers,
  'bench.terminalShop': handler({
    access: 'public',
    input: z.object({}),
    run(ctx) {
      seedDemoShop(ctx, { language: 'ru' });
      for (let i = 0; i < PRODUCTS; i++) {
        createProduct(ctx, { kind: 'cut_flower', names: { ru: `Роза сорт ${i}`, en: `Rose variety ${i}` }, price: 100 + i, barcodes: [ean13(i)] });
      }
    },
  }),
} satisfies HandlerMap;

async function must<T>(backend: Backend, client: ClientState, method: string, input: unknown): Promise<T> {
  const res = await backend.call(client, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

/** 10,000 lines: 96 % known codes, 3 % unknown, 1 % bad quantities. */
export function terminalFile(lines = LINES): Buffer {
  const rows = ['Штрихкод;Количество;Наименование'];
  for (let i = 0; i < lines; i++) {
    const k = (i * 7919) % PRODUCTS;
    if (i % 100 === 99) rows.push(`${ean13(k)};2,5;Роза сорт ${k}`);
    else if (i % 33 === 32) rows.push(`${ean13(900_000 + i)};1;Неизвестный`);
    else rows.push(`${ean13(k)};${1 + (i % 25)};Роза сорт ${k}`);
  }
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'win1251');
}

export async function benchTerminals(dir: string): Promise<Figure[]> {
  const dataDir = join(dir, 'terminals');
  mkdirSync(dataDir, { recursive: true });
  const backend = Backend.boot({ dataDir, handlers: benchHandlers, log: (e) => console.error(e), printing: { autoStart: false } });
  try {
    const anon = backend.newClient();
    await must(backend, anon, 'bench.terminalShop', {});
    const picker = await must<{ id: string; role: string }[]>(backend, anon, 'users.picker', {});
    const manager = backend.newClient();
    const user = picker.find((u) => u.role === 'manager');
    await must(backend, manager, 'users.signIn', { userId: user?.id, secret: demoUser('manager').pin ?? demoUser('manager').password });
    const contentBase64 = terminalFile().toString('base64');

    const preview: number[] = [];
    const imports: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // a fresh count each run: an import into a count already holding 10,000 lines is not the usual case
      const { countId } = await must<{ countId: string }>(backend, manager, 'counts.create', { blind: false });
      preview.push(await timed(() => must(backend, manager, 'terminals.preview', { countId, contentBase64 })));
      imports.push(await timed(() => must(backend, manager, 'terminals.import', { countId, contentBase64 })));
      await must(backend, manager, 'counts.cancel', { countId });
    }
    const note = `${LINES} lines (Windows-1251, header, ~3 % unknown, 1 % bad), ${PRODUCTS} products; ${RUNS} runs, worst ${Math.round(Math.max(...imports))} ms`;
    return [
      { name: 'Terminal file: import and match 10,000 lines (median)', value: median(imports), unit: 'ms', target: TARGET_MS, note },
      { name: 'Terminal file: preview of 10,000 lines (p90)', value: percentile(preview, 90), unit: 'ms', target: TARGET_MS, note: 'read, decode, match; no writes' },
    ];
  } finally {
    backend.shutdown();
  }
}
