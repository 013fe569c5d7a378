import { afterEach, describe, expect, it } from 'vitest';
import { PrinterError, queryStatus, renderReceipt, sendToPrinter, type PrinterConfig, type ReceiptDoc } from '../../hardware/printer/index';
import { startTcpPrinter, type TcpPrinter, type TcpPrinterMode } from '../helpers/tcpPrinter';
import { decodeEscPos, printedLines, readPrinted } from '../helpers/escpos-decoder';

const open: TcpPrinter[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

async function printer(mode?: TcpPrinterMode): Promise<TcpPrinter> {
  const p = await startTcpPrinter(mode);
  open.push(p);
  return p;
}

function configFor(p: { host: string; port: number }, over: Partial<PrinterConfig> = {}): PrinterConfig {
  return {
    transport: { kind: 'tcp', host: p.host, port: p.port },
    paperMm: 80,
    rk1048: false,
    codePageNumbers: {},
    drawer: { pin: 0, t1: 25, t2: 250 },
    ...over,
  };
}

const receipt: ReceiptDoc = {
  blocks: [
    { kind: 'text', text: 'Цветочная лавка «Роза»', align: 'center', bold: true },
    { kind: 'columns', left: 'Тюльпаны жёлтые 5 x 120.00', right: '600.00 RUB' },
    { kind: 'columns', left: 'ვარდი წითელი', right: '12.50 GEL' },
    { kind: 'rule' },
    { kind: 'qr', data: 'posy:sale:019a7c3e-5f1b-7c2d-8e4f-0123456789ab' },
    { kind: 'drawer' },
    { kind: 'cut' },
  ],
};

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    if (err instanceof PrinterError) return err.failure;
    throw err;
  }
  return 'printed';
}

describe('network printer (TCP)', () => {
  it('delivers the receipt byte for byte; the printer reads what the customer should', async () => {
    const p = await printer();
    const cfg = configFor(p);
    const bytes = await renderReceipt(receipt, cfg);
    await sendToPrinter(cfg, bytes, { timeoutMs: 3000 });
    const got = p.received();
    // status asked before (DLE EOT 2, 4) and after (DLE EOT 1) the receipt, which arrives untouched
    const events = decodeEscPos(got);
    expect(events.filter((e) => e.type === 'statusRequest').map((e) => e.type === 'statusRequest' && e.n)).toEqual([2, 4, 1]);
    expect(got.subarray(6, 6 + bytes.length)).toEqual(bytes);
    expect(printedLines(readPrinted(got))).toEqual([
      'Цветочная лавка «Роза»',
      'Тюльпаны жёлтые 5 x 120.00' + ' '.repeat(12) + '600.00 RUB',
      '[image 576x34]',
      '-'.repeat(48),
      '[qr posy:sale:019a7c3e-5f1b-7c2d-8e4f-0123456789ab]',
      '[drawer 0 25 250]',
      '[cut partial]',
    ]);
  });

  it('a printer that never answers status still gets the receipt (after one short wait)', async () => {
    const p = await printer({ kind: 'accept', answerStatus: false });
    const cfg = configFor(p);
    const bytes = await renderReceipt(receipt, cfg);
    const started = Date.now();
    await sendToPrinter(cfg, bytes, { timeoutMs: 3000, statusWaitMs: 200 });
    await p.waitForBytes(6 + bytes.length);
    expect(p.received().subarray(6)).toEqual(bytes);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    // known silent now: the next receipt is not held back by a status wait (its first byte comes at once;
    // the send itself then lingers SILENT_LINGER_MS to catch a drop)
    const again = Date.now();
    const second = sendToPrinter(cfg, bytes, { timeoutMs: 3000, statusWaitMs: 200 });
    await p.waitForBytes(6 + bytes.length + 1);
    expect(Date.now() - again).toBeLessThan(150);
    await second;
    await p.waitForBytes(6 + 2 * bytes.length);
    expect(p.connections[1]).toEqual(bytes);
  });

  it('a closed port is refused', async () => {
    const p = await printer({ kind: 'refuse' });
    expect(await failure(sendToPrinter(configFor(p), Uint8Array.of(0x1b, 0x40), { timeoutMs: 2000 }))).toBe('refused');
  });

  it('an absent printer is offline, within the timeout', async () => {
    const p = await printer({ kind: 'absent' });
    const started = Date.now();
    expect(await failure(sendToPrinter(configFor(p), Uint8Array.of(0x1b, 0x40), { timeoutMs: 700 }))).toBe('offline');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a printer that stops mid-receipt is interrupted, not printed', async () => {
    const p = await printer({ kind: 'stopAfter', bytes: 200 });
    const cfg = configFor(p);
    const bytes = await renderReceipt(receipt, cfg);
    expect(bytes.length).toBeGreaterThan(1000);
    expect(await failure(sendToPrinter(cfg, bytes, { timeoutMs: 3000 }))).toBe('interrupted');
    expect(p.received().length).toBe(200);
  });

  it('a printer that does not answer status and drops mid-receipt is interrupted too', async () => {
    const p = await printer({ kind: 'stopAfter', bytes: 200, answerStatus: false });
    const cfg = configFor(p);
    const bytes = await renderReceipt(receipt, cfg);
    // (a generous linger: on a loaded test machine the listener may take a while to drop the connection)
    expect(await failure(sendToPrinter(cfg, bytes, { timeoutMs: 3000, statusWaitMs: 100, silentLingerMs: 1000 }))).toBe('interrupted');
    expect(p.received().length).toBe(200);
  });

  it('a printer that stops taking bytes times out', async () => {
    const p = await printer({ kind: 'hang' });
    // more than the kernel's socket buffers on both sides hold, so the write cannot complete
    const big = new Uint8Array(64 * 1024 * 1024).fill(0x41);
    expect(await failure(sendToPrinter(configFor(p), big, { timeoutMs: 800, statusWaitMs: 100 }))).toBe('timeout');
  });

  it('paper out (DLE EOT) refuses the job before a byte of the receipt is sent; cover open likewise', async () => {
    const p = await printer({ kind: 'accept', status: { paperOut: true, coverOpen: false } });
    const cfg = configFor(p);
    const bytes = await renderReceipt(receipt, cfg);
    expect(await failure(sendToPrinter(cfg, bytes, { timeoutMs: 2000 }))).toBe('paper_out');
    expect(Array.from(p.received())).toEqual([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
    p.setMode({ kind: 'accept', status: { paperOut: false, coverOpen: true } });
    expect(await failure(sendToPrinter(cfg, bytes, { timeoutMs: 2000 }))).toBe('cover_open');
    // paper back in: it prints
    p.setMode({ kind: 'accept' });
    await sendToPrinter(cfg, bytes, { timeoutMs: 2000 });
    expect(p.connections[2]?.subarray(6, 6 + bytes.length)).toEqual(bytes);
  });

  it('queryStatus reads paper out and cover open; null from a printer that does not answer', async () => {
    const p = await printer({ kind: 'accept', status: { paperOut: true, coverOpen: false } });
    expect(await queryStatus(configFor(p))).toEqual({ paperOut: true, coverOpen: false });
    p.setMode({ kind: 'accept', status: { paperOut: false, coverOpen: true } });
    expect(await queryStatus(configFor(p))).toEqual({ paperOut: false, coverOpen: true });
    p.setMode({ kind: 'accept' });
    expect(await queryStatus(configFor(p))).toEqual({ paperOut: false, coverOpen: false });
    const silent = await printer({ kind: 'accept', answerStatus: false });
    expect(await queryStatus(configFor(silent), { timeoutMs: 300 })).toBeNull();
    const refused = await printer({ kind: 'refuse' });
    expect(await failure(queryStatus(configFor(refused), { timeoutMs: 300 }))).toBe('refused');
  });

  it('first byte of a text receipt reaches the printer fast; a Georgian (raster) one too', async () => {
    const p = await printer();
    const cfg = configFor(p);
    await renderReceipt(receipt, cfg); // fonts loaded once per process, as at app start
    for (const [doc, budget] of [
      [{ blocks: receipt.blocks.filter((b) => b.kind !== 'columns' || !b.left.includes('ვ')) }, 200],
      [receipt, 600],
    ] as const) {
      // the best of three, so a test machine busy with other suites does not decide it
      const times: number[] = [];
      for (let run = 0; run < 3; run++) {
        const before = p.received().length;
        const started = performance.now();
        const sent = renderReceipt(doc, cfg).then((bytes) => sendToPrinter(cfg, bytes, { timeoutMs: 3000 }));
        // past the 6 bytes of the status request: the receipt's own first byte
        await p.waitForBytes(before + 7);
        times.push(performance.now() - started);
        await sent;
      }
      expect(Math.min(...times)).toBeLessThan(budget);
    }
  });
});
