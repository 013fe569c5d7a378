import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handler, type BackendEvent, type ClientState, type HandlerMap } from '../../shop/api/define';
import { handlers } from '../../shop/api/handlers';
import { createCategory, createProduct } from '../../shop/catalog/products';
import { demoUser, seedDemoShop } from '../../shop/demo/seed';
import type { Role } from '../../shop/users/permissions';
import { callsOn } from '../helpers/calls';
import { openPtyPair, socatMissing, type PtyPair } from '../helpers/ptyPair';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Terminal files and serial uploads through the real dispatcher on a real SQLite file: a demo shop,
 * products with the corpus's barcodes (test/fixtures/terminals/make.ts), a florist who counts.
 */
const testHandlers = {
  ...handlers,
  'test.seedDemo': handler({ access: 'public', input: z.object({}), run: (ctx) => seedDemoShop(ctx, { language: 'ru' }) }),
  'test.category': handler({
    access: 'public',
    input: z.object({ name: z.string() }),
    run: (ctx, i) => createCategory(ctx, { names: { en: i.name, ru: i.name } }),
  }),
  'test.product': handler({
    access: 'public',
    input: z.object({
      names: z.record(z.string(), z.string()),
      price: z.number(),
      categoryId: z.string().optional(),
      kind: z.enum(['cut_flower', 'greenery', 'service']).default('cut_flower'),
      barcodes: z.array(z.string()),
    }),
    run: (ctx, i) =>
      createProduct(ctx, {
        kind: i.kind,
        names: i.names,
        price: i.price,
        barcodes: i.barcodes,
        ...(i.categoryId ? { categoryId: i.categoryId } : {}),
      }),
  }),
} satisfies HandlerMap;

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'terminals');
const fixture64 = (name: string) => readFileSync(join(FIXTURES, name)).toString('base64');

let env: ReturnType<typeof tempBackend>;
const { call, ok } = callsOn(() => env.backend);
let anon: ClientState;
let florist: ClientState;
let flowers: string;
let ids: Record<'rose' | 'tulip' | 'chrys' | 'eucalyptus' | 'service', string>;

async function raw<T>(method: string, input: unknown): Promise<T> {
  const res = await env.backend.call(anon, method, input);
  if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
  return res.value as T;
}

async function signedIn(role: Role): Promise<ClientState> {
  const picker = (await ok(anon, 'users.picker')) as { id: string; role: Role }[];
  const user = picker.find((p) => p.role === role);
  if (!user) throw new Error(`no ${role}`);
  const client = env.backend.newClient();
  await ok(client, 'users.signIn', { userId: user.id, secret: demoUser(role).pin ?? demoUser(role).password ?? '' });
  return client;
}

const db = () => env.backend.db;
const counted = (countId: string) =>
  Object.fromEntries(
    (
      db().prepare('SELECT product_id, sum(quantity) AS q FROM count_entries WHERE count_id = ? GROUP BY product_id').all(countId) as {
        product_id: string;
        q: number;
      }[]
    ).map((r) => [r.product_id, r.q]),
  );
const entryCount = () => db().prepare('SELECT count(*) FROM count_entries').pluck().get() as number;

async function newCount(categoryId?: string): Promise<string> {
  const res = (await ok(florist, 'counts.create', { blind: false, ...(categoryId ? { categoryId } : {}) })) as { countId: string };
  return res.countId;
}

beforeEach(async () => {
  env = tempBackend({ handlers: testHandlers, log: (e) => console.error(e), printing: { autoStart: false }, terminals: { silenceMs: 300 } });
  anon = env.backend.newClient();
  await raw('test.seedDemo', {});
  florist = await signedIn('florist');
  flowers = await raw<string>('test.category', { name: 'Terminal flowers' });
  const product = (names: Record<string, string>, price: number, barcodes: string[], kind = 'cut_flower', categoryId: string | null = flowers) =>
    raw<string>('test.product', { names, price, barcodes, kind, ...(categoryId ? { categoryId } : {}) });
  ids = {
    rose: await product({ ru: 'Роза красная', en: 'Red rose', ka: 'წითელი ვარდი' }, 350, ['4607000000014']),
    tulip: await product({ ru: 'Тюльпан', en: 'Tulip', kk: 'Қызғалдақ' }, 1250, ['4607000000021']),
    chrys: await product({ ru: 'Хризантема', en: 'Chrysanthemum', uz: 'Xrizantema oʻzbek' }, 99, ['4607000000038']),
    eucalyptus: await product({ ru: 'Эвкалипт', en: 'Eucalyptus' }, 500, ['46070005'], 'greenery', null),
    service: await product({ ru: 'Упаковка', en: 'Wrapping' }, 200, ['4607000000045'], 'service', null),
  };
});

afterEach(() => env.dispose());

type Preview = {
  encoding: string;
  separator: string;
  matched: { productId: string; barcode: string; name: string; quantity: number; lines: number }[];
  skipped: { productId: string; reason: string; quantity: number }[];
  unknown: { barcode: string; lines: number[]; quantity: number }[];
  bad: { lineNo: number; reason: string }[];
  totals: Record<string, number>;
};

describe('terminal file import', () => {
  it('preview matches, sums and names the products, and writes nothing', async () => {
    const countId = await newCount();
    const before = entryCount();
    const auditBefore = db().prepare('SELECT count(*) FROM audit_log').pluck().get();
    const p = (await ok(florist, 'terminals.preview', { countId, fileName: 'a.csv', contentBase64: fixture64('utf8-semicolon.csv') })) as Preview;
    expect(p.matched.map((m) => [m.productId, m.quantity, m.lines, m.name])).toEqual([
      [ids.rose, 15, 2, 'Роза красная'],
      [ids.tulip, 5, 1, 'Тюльпан'],
      [ids.eucalyptus, 7, 1, 'Эвкалипт'],
    ]);
    expect(p.totals).toMatchObject({ lines: 4, matchedLines: 4, matchedQuantity: 27, products: 3, unknownLines: 0, badLines: 0 });
    expect(entryCount()).toBe(before);
    expect(db().prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(auditBefore);
    expect(db().prepare('SELECT count(*) FROM count_imports').pluck().get()).toBe(0);
  });

  it('lists unknown barcodes with their lines, bad lines with reasons; products outside the count are skipped', async () => {
    const countId = await newCount(flowers);
    const u = (await ok(florist, 'terminals.preview', { countId, contentBase64: fixture64('utf8-unknown.csv') })) as Preview;
    expect(u.unknown).toEqual([
      { barcode: '9990000000012', lines: [2, 4], quantity: 10 },
      { barcode: '9990000000029', lines: [3], quantity: 1 },
    ]);
    expect(u.totals.unknownLines).toBe(3);
    const bad = (await ok(florist, 'terminals.preview', { countId, contentBase64: fixture64('bad-lines.csv') })) as Preview;
    expect(bad.bad.map((b) => b.lineNo)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bad.totals.badLines).toBe(8);
    // the eucalyptus has no category: not in a count of "Terminal flowers"
    const scoped = (await ok(florist, 'terminals.preview', { countId, contentBase64: fixture64('cp1251-semicolon-header.csv') })) as Preview;
    expect(scoped.encoding).toBe('windows-1251');
    expect(scoped.matched.map((m) => m.productId)).toEqual([ids.rose, ids.chrys]);
    expect(scoped.skipped).toEqual([expect.objectContaining({ productId: ids.eucalyptus, reason: 'errors:terminals.outOfScope', quantity: 2 })]);
    // a service is never counted
    const svc = Buffer.from('4607000000045;1\n4607000000014;1\n').toString('base64');
    const all = (await ok(florist, 'terminals.preview', { countId, contentBase64: svc })) as Preview;
    expect(all.skipped.map((s) => s.reason)).toEqual(['errors:terminals.notStocked']);
  });

  it('refuses wrong columns and binary files with translated messages, writing nothing', async () => {
    const countId = await newCount();
    for (const [name, key] of [
      ['wrong-columns.csv', 'errors:terminals.columnsNotFound'],
      ['binary.bin', 'errors:terminals.encoding'],
    ] as const) {
      for (const method of ['terminals.preview', 'terminals.import']) {
        const res = await call(florist, method, { countId, contentBase64: fixture64(name) });
        expect(res.ok ? null : res.error.messageKey).toBe(key);
      }
    }
    const forced = await call(florist, 'terminals.preview', { countId, contentBase64: fixture64('cp1251-tab.txt'), encoding: 'utf-8' });
    expect(forced.ok ? null : forced.error.messageKey).toBe('errors:terminals.encoding');
    expect(entryCount()).toBe(0);
  });

  it('import adds the matched lines to the count, audited; the same requestId twice does not double it', async () => {
    const countId = await newCount();
    const requestId = '01900000-0000-7000-8000-000000000001';
    const input = { countId, fileName: 'bom.csv', contentBase64: fixture64('utf8-bom-crlf-header.csv'), encoding: 'auto', separator: 'auto', requestId };
    const first = (await ok(florist, 'terminals.import', input as never)) as { products: number; lines: number; quantity: number; repeated: boolean };
    expect(first).toMatchObject({ products: 3, lines: 3, quantity: 13, repeated: false });
    expect(counted(countId)).toEqual({ [ids.rose]: 2, [ids.tulip]: 10, [ids.chrys]: 1 });
    const again = (await ok(florist, 'terminals.import', input as never)) as { repeated: boolean; quantity: number };
    expect(again).toMatchObject({ repeated: true, quantity: 13 });
    expect(counted(countId)).toEqual({ [ids.rose]: 2, [ids.tulip]: 10, [ids.chrys]: 1 });
    // the source says where the entries came from; one audit entry with the line counts
    expect(db().prepare(`SELECT DISTINCT source FROM count_entries WHERE count_id = ?`).pluck().all(countId)).toEqual(['file']);
    const audits = db().prepare(`SELECT details FROM audit_log WHERE action = 'counts.imported'`).pluck().all() as string[];
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0] ?? '{}')).toMatchObject({ source: 'file', fileName: 'bom.csv', lines: 3, quantity: 13, badLines: 0 });
    // another request adds again (a second terminal's file)
    await ok(florist, 'terminals.import', { ...input, requestId: undefined } as never);
    expect(counted(countId)[ids.rose]).toBe(4);
  });

  it('a file with only unknown barcodes adds nothing and says so', async () => {
    const countId = await newCount();
    const res = await call(florist, 'terminals.import', { countId, contentBase64: Buffer.from('9990000000012;3\n').toString('base64') });
    expect(res.ok ? null : res.error.messageKey).toBe('errors:terminals.nothingToImport');
    expect(entryCount()).toBe(0);
  });

  it('a 10,000-line file previews and imports', async () => {
    const countId = await newCount();
    const codes = ['4607000000014', '4607000000021', '4607000000038', '9990000000012'];
    const rows = Array.from({ length: 10_000 }, (_, i) => `${codes[i % 4]};${(i % 3) + 1}`);
    const contentBase64 = Buffer.from(rows.join('\r\n')).toString('base64');
    const t0 = performance.now();
    const res = (await ok(florist, 'terminals.import', { countId, contentBase64 })) as { lines: number; products: number };
    const ms = performance.now() - t0;
    expect(res).toMatchObject({ lines: 7500, products: 3 });
    const expected = (k: number) => rows.filter((_, i) => i % 4 === k).reduce((s, _, j) => s + (((j * 4 + k) % 3) + 1), 0);
    expect(counted(countId)).toEqual({ [ids.rose]: expected(0), [ids.tulip]: expected(1), [ids.chrys]: expected(2) });
    expect(ms).toBeLessThan(2000);
  });
});

describe('product list export', () => {
  const decode = (r: { contentBase64: string }, encoding: string) => {
    const bytes = Buffer.from(r.contentBase64, 'base64');
    return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, 'win1251');
  };

  it('decodes back to the same rows in UTF-8 and in Windows-1251, names that 1251 lacks replaced and counted', async () => {
    const rows = (text: string, delimiter: string) => Papa.parse<string[]>(text.trim(), { delimiter }).data;
    const utf = (await ok(florist, 'terminals.exportProducts', { encoding: 'utf-8', separator: ';', categoryId: flowers })) as {
      contentBase64: string;
      rows: number;
      replaced: number;
      fileName: string;
    };
    expect(utf.fileName).toMatch(/^products-\d{8}\.csv$/);
    expect(rows(decode(utf, 'utf-8'), ';')).toEqual([
      ['4607000000014', 'Роза красная', '3.50'],
      ['4607000000021', 'Тюльпан', '12.50'],
      ['4607000000038', 'Хризантема', '0.99'],
    ]);
    const win = (await ok(florist, 'terminals.exportProducts', { encoding: 'windows-1251', separator: '\t', header: true })) as typeof utf;
    const winRows = rows(decode(win, 'windows-1251'), '\t');
    expect(winRows[0]).toEqual(['barcode', 'name', 'price']);
    expect(winRows).toContainEqual(['4607000000014', 'Роза красная', '3.50']);
    expect(winRows).toContainEqual(['46070005', 'Эвкалипт', '5.00']);
    // services are not counted, so not exported
    expect(winRows.some((r) => r[0] === '4607000000045')).toBe(false);
    expect(win.replaced).toBe(0);
    expect(win.fileName).toMatch(/\.txt$/);
  });

  it('a Georgian reader gets names 1251 cannot hold replaced and counted (UTF-8 keeps them)', async () => {
    db().prepare(`UPDATE users SET language = 'ka' WHERE role = 'florist'`).run();
    const ka = await signedIn('florist');
    const win = (await ok(ka, 'terminals.exportProducts', { encoding: 'windows-1251', separator: ',', categoryId: flowers })) as {
      contentBase64: string;
      replaced: number;
    };
    const text = iconv.decode(Buffer.from(win.contentBase64, 'base64'), 'win1251');
    expect(text).toContain('4607000000014,?????? ?????,3.50');
    expect(win.replaced).toBe(1);
    const utf = (await ok(ka, 'terminals.exportProducts', { encoding: 'utf-8', separator: ',', categoryId: flowers })) as { contentBase64: string; replaced: number };
    expect(Buffer.from(utf.contentBase64, 'base64').toString('utf8')).toContain('4607000000014,წითელი ვარდი,3.50');
    expect(utf.replaced).toBe(0);
  });
});

describe.skipIf(socatMissing !== null)(`serial upload through a pseudo-terminal${socatMissing ? ` (skipped: ${socatMissing})` : ''}`, () => {
  let pair: PtyPair;
  let terminal: SerialPort;
  beforeEach(async () => {
    pair = await openPtyPair();
    terminal = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => terminal.open((err) => (err ? reject(err) : resolve())));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => (terminal.isOpen ? terminal.close(() => resolve()) : resolve()));
    await pair.close();
  });

  const write = (bytes: Buffer | string) => new Promise<void>((resolve, reject) => terminal.write(bytes, (e) => (e ? reject(e) : terminal.drain(() => resolve()))));
  const uploadEvents = () => {
    const events: Extract<BackendEvent, { type: 'terminal.upload' }>[] = [];
    const off = env.backend.onEvent((e) => {
      if (e.type === 'terminal.upload') events.push(e);
    });
    const done = () =>
      new Promise<void>((resolve) => {
        const t = setInterval(() => {
          if (events.some((e) => e.done)) {
            clearInterval(t);
            resolve();
          }
        }, 10);
      });
    return { events, off, done };
  };

  it('receives lines until END, previews them and imports them once (source serial)', async () => {
    const countId = await newCount();
    const ev = uploadEvents();
    const { uploadId } = (await ok(florist, 'terminals.listen', { countId, path: pair.a, baudRate: 9600 })) as { uploadId: string };
    const early = await call(florist, 'terminals.upload', { uploadId });
    expect(early.ok ? null : early.error.messageKey).toBe('errors:terminals.uploadNotDone');
    await write(iconv.encode('4607000000014;2;Роза\r\n4607000000021;3\r\n', 'win1251'));
    await new Promise((r) => setTimeout(r, 50));
    await write('9990000000012;1\r\n4607000000014;1\r\nEND\r\n');
    await ev.done();
    ev.off();
    expect(ev.events.at(-1)).toEqual({ type: 'terminal.upload', uploadId, lines: 4, done: true });
    const up = (await ok(florist, 'terminals.upload', { uploadId })) as { done: boolean; ended: string; preview: Preview };
    expect([up.done, up.ended, up.preview.encoding]).toEqual([true, 'marker', 'windows-1251']);
    expect(up.preview.matched.map((m) => [m.productId, m.quantity])).toEqual([
      [ids.rose, 3],
      [ids.tulip, 3],
    ]);
    expect(up.preview.unknown.map((u) => u.barcode)).toEqual(['9990000000012']);
    expect(entryCount()).toBe(0);
    const requestId = '01900000-0000-7000-8000-000000000002';
    await ok(florist, 'terminals.importUpload', { uploadId, countId, requestId });
    const again = (await ok(florist, 'terminals.importUpload', { uploadId, countId, requestId })) as { repeated: boolean };
    expect(again.repeated).toBe(true);
    expect(counted(countId)).toEqual({ [ids.rose]: 3, [ids.tulip]: 3 });
    expect(db().prepare(`SELECT DISTINCT source FROM count_entries`).pluck().all()).toEqual(['serial']);
  });

  it('uploads that ended without an import (garbage at the wrong speed, a refused preview) do not use up the cradle', async () => {
    const countId = await newCount();
    for (let i = 0; i < 10; i++) {
      const ev = uploadEvents();
      const { uploadId } = (await ok(florist, 'terminals.listen', { countId, path: pair.a, baudRate: 9600 })) as { uploadId: string };
      await write('\x00\x00\x00\xff\xfe\n');
      await ev.done();
      ev.off();
      const up = await call(florist, 'terminals.upload', { uploadId });
      expect(up.ok ? null : up.error.messageKey).toBe('errors:terminals.encoding');
    }
    expect(entryCount()).toBe(0);
  });

  it('ends on silence after the first data; cancel stops a wait; a missing port is refused', async () => {
    const countId = await newCount();
    const ev = uploadEvents();
    const { uploadId } = (await ok(florist, 'terminals.listen', { countId, path: pair.a, baudRate: 9600 })) as { uploadId: string };
    const busy = await call(florist, 'terminals.listen', { countId, path: pair.a, baudRate: 9600 });
    expect(busy.ok ? null : busy.error.messageKey).toBe('errors:terminals.portBusy');
    await write('4607000000038;5\n');
    await ev.done();
    ev.off();
    const up = (await ok(florist, 'terminals.upload', { uploadId })) as { ended: string; preview: Preview };
    expect(up.ended).toBe('silence');
    expect(up.preview.totals.matchedQuantity).toBe(5);

    const second = (await ok(florist, 'terminals.listen', { countId, path: pair.a, baudRate: 9600 })) as { uploadId: string };
    await ok(florist, 'terminals.cancel', { uploadId: second.uploadId });
    const gone = await call(florist, 'terminals.upload', { uploadId: second.uploadId });
    expect(gone.ok ? null : gone.error.messageKey).toBe('errors:terminals.uploadNotFound');

    const missing = await call(florist, 'terminals.listen', { countId, path: '/dev/posy-no-such-port', baudRate: 9600 });
    expect(missing.ok ? null : missing.error.messageKey).toBe('errors:terminals.portOpenFailed');
    expect(entryCount()).toBe(0);
  });
});
