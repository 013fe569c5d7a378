import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shop/api/schemas';
import { demoUser } from '../../shop/demo/seed';
import type { Backend } from '../../shop/backend';
import { callsOn } from '../helpers/calls';
import { printedLines, readPrinted } from '../helpers/escpos-decoder';
import { startTcpPrinter, type TcpPrinter } from '../helpers/tcpPrinter';
import { tempBackend } from '../helpers/tempBackend';

// Price labels on the receipt printer: posting an arrival, asking for its labels, and reading back what
// reached a TCP printer (the real print queue, worker and driver).

type Env = ReturnType<typeof tempBackend>;
const envs: Env[] = [];
const printers: TcpPrinter[] = [];
let current: Backend;
const { call, ok } = callsOn(() => current);

afterEach(async () => {
  while (envs.length > 0) envs.pop()?.dispose();
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function setUp(language: Language, withPrinter = true) {
  const env = tempBackend({ log: (e) => console.error(e) });
  envs.push(env);
  current = env.backend;
  const owner = env.backend.newClient();
  await ok(owner, 'shops.setup', { mode: 'demo', language });
  const picker = await ok(owner, 'users.picker', {});
  const user = picker.find((u) => u.role === 'owner');
  const d = demoUser('owner');
  await ok(owner, 'users.signIn', { userId: user?.id ?? '', secret: d.password ?? d.pin ?? '' });
  const printer = await startTcpPrinter();
  printers.push(printer);
  if (withPrinter) {
    await ok(owner, 'printers.save', { name: 'Labels', transport: 'tcp', address: printer.address, paperMm: 58, rk1048: false, codePageNumbers: {}, drawer: { pin: 0 }, isDefault: true });
  }
  return { env, db: env.backend.db, owner, printer };
}

describe('arrivals.printLabels', () => {
  it('prints one label per line with name, price and barcode, and audits it', async () => {
    const { db, owner, printer } = await setUp('en');
    const peony = await ok(owner, 'catalog.create', { kind: 'cut_flower', names: { en: 'Peony Coral Charm' }, price: 1250, barcodes: ['4860001234561'] });
    const wrap = await ok(owner, 'catalog.create', { kind: 'consumable', names: { en: 'Kraft paper' }, price: 300, barcodes: ['KRAFT-50'] });
    const posted = await ok(owner, 'arrivals.post', {
      lines: [
        { productId: peony.id, quantity: 20, unitCost: 400 },
        { productId: wrap.id, quantity: 2, unitCost: 100 },
      ],
    });
    const res = await ok(owner, 'arrivals.printLabels', { arrivalId: posted.arrivalId });
    expect(res.labels).toBe(2);
    expect(res.jobId).toEqual(expect.any(String));
    await until(() => db.prepare('SELECT status FROM print_jobs WHERE id = ?').pluck().get(res.jobId) === 'done');

    const items = readPrinted(printer.received());
    expect(items.filter((p) => p.kind === 'unknown')).toEqual([]);
    expect(printedLines(items)).toEqual([
      'Peony Coral Charm',
      '12.50 GEL',
      '[barcode ean13 4860001234561]',
      '[cut partial]',
      'Kraft paper',
      '3.00 GEL',
      '[barcode code128 KRAFT-50]',
      '[cut partial]',
    ]);
    const job = db.prepare('SELECT document_type, document_id FROM print_jobs WHERE id = ?').get(res.jobId) as { document_type: string; document_id: string };
    expect(job.document_type).toBe('labels');
    expect(db.prepare('SELECT arrival_id, labels FROM label_batches WHERE id = ?').get(job.document_id)).toEqual({ arrival_id: posted.arrivalId, labels: 2 });
    const audit = db.prepare("SELECT entity_id, details FROM audit_log WHERE action = 'arrivals.labelsPrinted'").get() as { entity_id: string; details: string };
    expect(audit.entity_id).toBe(posted.arrivalId);
    expect(JSON.parse(audit.details)).toMatchObject({ labels: 2, copies: 'perLine' });
  });

  it('prints a label per stem, names in the shop language (Georgian as raster), price with the currency code', async () => {
    const { db, owner, printer } = await setUp('ka');
    const rose = await ok(owner, 'catalog.create', { kind: 'cut_flower', names: { ka: 'ვარდი წითელი', en: 'Red rose' }, price: 500, barcodes: ['4860009999998'] });
    const posted = await ok(owner, 'arrivals.post', { lines: [{ productId: rose.id, quantity: 3, unitCost: 150 }] });
    const res = await ok(owner, 'arrivals.printLabels', { arrivalId: posted.arrivalId, copies: 'perStem' });
    expect(res.labels).toBe(3);
    await until(() => db.prepare('SELECT status FROM print_jobs WHERE id = ?').pluck().get(res.jobId) === 'done');
    const lines = printedLines(readPrinted(printer.received()));
    expect(lines.filter((l) => l === '5.00 GEL')).toHaveLength(3);
    expect(lines.filter((l) => l === '[barcode ean13 4860009999998]')).toHaveLength(3);
    expect(lines.filter((l) => l === '[cut partial]')).toHaveLength(3);
    // the Georgian name is drawn: an image line before each price
    const priceAt = lines.indexOf('5.00 GEL');
    expect(lines[priceAt - 1]).toMatch(/^\[image \d+x\d+\]$/);
  });

  it('refuses without a printer and writes nothing', async () => {
    const { db, owner } = await setUp('en', false);
    const productId = db.prepare("SELECT id FROM products WHERE kind = 'cut_flower' LIMIT 1").pluck().get() as string;
    const posted = await ok(owner, 'arrivals.post', { lines: [{ productId, quantity: 3, unitCost: 150 }] });
    const res = await call(owner, 'arrivals.printLabels', { arrivalId: posted.arrivalId });
    expect(res).toMatchObject({ ok: false, error: { messageKey: 'errors:printing.noPrinter' } });
    expect(db.prepare('SELECT count(*) FROM label_batches').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM audit_log WHERE action = 'arrivals.labelsPrinted'").pluck().get()).toBe(0);
  });
});
