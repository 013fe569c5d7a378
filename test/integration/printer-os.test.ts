// OS printers go to CUPS with `lp -d <name> -o raw`. CUPS does not run here, so a stand-in `lp` / `lpstat`
// on PATH records what the driver hands it (the arguments and the raw bytes on stdin) and answers as CUPS's
// own tools do. With no `lp` at all, the driver says so (driver_missing).
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listOsPrinters, PrinterError, renderReceipt, sendToPrinter, type PrinterConfig } from '../../hardware/printer/index';
import { printedLines, readPrinted } from '../helpers/escpos-decoder';

const savedPath = process.env.PATH;
const dirs: string[] = [];
afterEach(() => {
  process.env.PATH = savedPath;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder with stand-in CUPS tools, put first on PATH (or alone, to make them missing). */
function cupsTools(tools: Record<string, string>, { only = false } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'posy-cups-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(tools)) {
    const file = join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }
  process.env.PATH = only ? dir : `${dir}:${savedPath}`;
  return dir;
}

const config = (name: string): PrinterConfig => ({
  transport: { kind: 'os', name },
  paperMm: 80,
  rk1048: false,
  codePageNumbers: {},
  drawer: { pin: 0, t1: 25, t2: 250 },
});

async function failure(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'printed';
  } catch (err) {
    if (err instanceof PrinterError) return err.failure;
    throw err;
  }
}

describe.skipIf(process.platform === 'win32')('OS printer (CUPS lp)', () => {
  it('hands the raw bytes to lp -d <name> -o raw', async () => {
    const dir = cupsTools({ lp: 'echo "$@" > "$(dirname "$0")/args"; cat > "$(dirname "$0")/data"; echo "request id is Receipt-7 (1 file(s))"' });
    const cfg = config('Receipt');
    const bytes = await renderReceipt({ blocks: [{ kind: 'text', text: 'Касса 1' }, { kind: 'drawer' }, { kind: 'cut' }] }, cfg);
    await sendToPrinter(cfg, bytes, { timeoutMs: 3000 });
    expect(readFileSync(join(dir, 'args'), 'utf8').trim()).toBe('-d Receipt -o raw');
    const data = Uint8Array.from(readFileSync(join(dir, 'data')));
    expect(data).toEqual(bytes);
    expect(printedLines(readPrinted(data))).toEqual(['Касса 1', '[drawer 0 25 250]', '[cut partial]']);
  });

  it('an unknown printer name is not_found; another lp failure is offline', async () => {
    cupsTools({ lp: 'cat > /dev/null; echo "lp: The printer or class does not exist." >&2; exit 1' });
    expect(await failure(sendToPrinter(config('Nope'), Uint8Array.of(0x1b, 0x40)))).toBe('not_found');
    cupsTools({ lp: 'cat > /dev/null; echo "lp: Unable to connect to server" >&2; exit 1' });
    expect(await failure(sendToPrinter(config('Receipt'), Uint8Array.of(0x1b, 0x40)))).toBe('offline');
  });

  it('without CUPS tools, OS printing is driver_missing and no OS printers are listed', async () => {
    cupsTools({}, { only: true });
    expect(await failure(sendToPrinter(config('Receipt'), Uint8Array.of(0x1b, 0x40)))).toBe('driver_missing');
    expect(await listOsPrinters()).toEqual([]);
  });

  it('lists the printers lpstat -p knows', async () => {
    cupsTools({
      lpstat: [
        'echo "printer Receipt_80 is idle.  enabled since Sun 22 Nov 2026 10:00:00"',
        'echo "\tRendering completed"',
        'echo "printer Kitchen disabled since Sun 22 Nov 2026 09:00:00 -"',
        'echo "\treason unknown"',
      ].join('\n'),
    });
    expect(await listOsPrinters()).toEqual(['Receipt_80', 'Kitchen']);
  });
});
