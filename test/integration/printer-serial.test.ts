import { afterEach, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import { PrinterError, queryStatus, renderReceipt, sendToPrinter, type PrinterConfig, type ReceiptDoc } from '../../hardware/printer/index';
import { statusAnswer, type PrinterStatus } from '../../hardware/printer/status';
import { codePageNumbers } from '../../hardware/printer/codepages';
import { LineRasterizer, trimRight } from '../../hardware/printer/raster';
import { openPtyPair, socatMissing, type PtyPair } from '../helpers/ptyPair';
import { decodeEscPos, printedLines, readPrinted } from '../helpers/escpos-decoder';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The far end of the pty, opened with the real serialport binding, answering DLE EOT like a printer. */
async function serialPrinter(pair: PtyPair, status: PrinterStatus | null = { paperOut: false, coverOpen: false }) {
  const port = new SerialPort({ path: pair.b, baudRate: 19200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanup.push(() => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())));
  const got: number[] = [];
  port.on('data', (chunk: Buffer) => {
    const start = got.length;
    got.push(...chunk);
    if (!status) return;
    const answers: number[] = [];
    for (let i = Math.max(2, start); i < got.length; i++) {
      if (got[i - 2] === 0x10 && got[i - 1] === 0x04 && [1, 2, 4].includes(got[i] as number)) answers.push(statusAnswer(got[i] as number, status));
    }
    if (answers.length) port.write(Buffer.from(answers));
  });
  return { received: () => Uint8Array.from(got) };
}

function serialConfig(path: string, over: Partial<PrinterConfig> = {}): PrinterConfig {
  return {
    transport: { kind: 'serial', path, baud: 19200 },
    paperMm: 58,
    rk1048: true,
    codePageNumbers: { rk1048: 59 },
    drawer: { pin: 0, t1: 25, t2: 250 },
    ...over,
  };
}

const receipt: ReceiptDoc = {
  blocks: [
    { kind: 'text', text: 'Гүлдер дүкені', align: 'center' },
    { kind: 'columns', left: 'Қызыл раушан', right: '2 500.00 KZT' },
    { kind: 'columns', left: 'Розы белые', right: '1 200.00 KZT' },
    { kind: 'text', text: 'გმადლობთ' },
    { kind: 'drawer' },
    { kind: 'cut' },
  ],
};

describe.skipIf(socatMissing !== null)(`serial printer through a pseudo-terminal pair${socatMissing ? ` (skipped: ${socatMissing})` : ''}`, () => {
  it('prints Kazakh (RK1048), Russian and Georgian (raster) over the serial line, byte for byte', async () => {
    const pair = await openPtyPair();
    cleanup.push(() => pair.close());
    const far = await serialPrinter(pair);
    const cfg = serialConfig(pair.a);
    const bytes = await renderReceipt(receipt, cfg);
    await sendToPrinter(cfg, bytes, { timeoutMs: 5000 });
    const got = far.received();
    expect(got.subarray(6, 6 + bytes.length)).toEqual(bytes);
    const georgian = trimRight((await LineRasterizer.create(384)).line('გმადლობთ'));
    expect(printedLines(readPrinted(got, codePageNumbers({ rk1048: 59 })))).toEqual([
      'Гүлдер дүкені',
      'Қызыл раушан        2 500.00 KZT',
      'Розы белые          1 200.00 KZT',
      `[image ${georgian.widthBytes * 8}x34]`,
      '[drawer 0 25 250]',
      '[cut partial]',
    ]);
    expect(decodeEscPos(got, codePageNumbers({ rk1048: 59 })).filter((e) => e.type === 'statusRequest')).toHaveLength(3);
  });

  it('paper out over serial refuses the job, and queryStatus reports it', async () => {
    const pair = await openPtyPair();
    cleanup.push(() => pair.close());
    const far = await serialPrinter(pair, { paperOut: true, coverOpen: false });
    const cfg = serialConfig(pair.a);
    expect(await queryStatus(cfg)).toEqual({ paperOut: true, coverOpen: false });
    const err = await sendToPrinter(cfg, await renderReceipt(receipt, cfg), { timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).failure).toBe('paper_out');
    // only status requests went down the line
    expect(decodeEscPos(far.received()).every((e) => e.type === 'statusRequest')).toBe(true);
  });

  it('a printer unplugged mid-receipt (the line hangs up) is interrupted', async () => {
    const pair = await openPtyPair();
    let closed = false;
    cleanup.push(async () => {
      if (!closed) await pair.close();
    });
    // nobody reads the far end: the pty buffer fills, the write waits, then the "cable" goes
    const cfg = serialConfig(pair.a);
    const sending = sendToPrinter(cfg, new Uint8Array(512 * 1024).fill(0x41), { timeoutMs: 5000, statusWaitMs: 100 }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    await pair.close();
    closed = true;
    const err = await sending;
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).failure).toBe('interrupted');
  });

  it('a serial printer that does not answer status still prints', async () => {
    const pair = await openPtyPair();
    cleanup.push(() => pair.close());
    const far = await serialPrinter(pair, null);
    const cfg = serialConfig(pair.a, { rk1048: false, codePageNumbers: {} });
    const bytes = await renderReceipt({ blocks: [{ kind: 'text', text: 'Итого 750' }, { kind: 'cut' }] }, cfg);
    await sendToPrinter(cfg, bytes, { timeoutMs: 3000, statusWaitMs: 150 });
    await new Promise((r) => setTimeout(r, 100));
    expect(printedLines(readPrinted(far.received()))).toEqual(['Итого 750', '[cut partial]']);
  });
});

describe('serial printer failures', () => {
  it('a port that does not exist is not_found', async () => {
    const err = await sendToPrinter(serialConfig('/dev/ttyPOSY-none'), Uint8Array.of(0x1b, 0x40), { timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrinterError);
    expect((err as PrinterError).failure).toBe('not_found');
  });
});
