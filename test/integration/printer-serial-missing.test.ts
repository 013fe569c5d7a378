// A till where serialport's native binding cannot load (no prebuilt binary for its platform / Electron ABI):
// serial printing must fail with driver_missing and say why, and nothing else may break. The binding is made
// unloadable in a child process the way it fails in the field: node-gyp-build, which @serialport/bindings-cpp
// calls when it is first required, throws "No native build was found".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('serial printing without the serialport binding', () => {
  it('fails with driver_missing and a clear detail; text receipts still render', () => {
    const dir = mkdtempSync(join(tmpdir(), 'posy-noserial-'));
    try {
      const preload = join(dir, 'no-native.cjs');
      writeFileSync(
        preload,
        `const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'node-gyp-build') throw new Error('No native build was found for platform=' + process.platform + ' arch=' + process.arch + ' runtime=node abi=' + process.versions.modules);
  return load.call(this, request, ...rest);
};`,
      );
      const script = join(dir, 'run.mts');
      writeFileSync(
        script,
        `import { renderReceipt, sendToPrinter, serialAvailable, PrinterError } from ${JSON.stringify(join(root, 'hardware/printer/index.ts'))};
const config = { transport: { kind: 'serial', path: '/dev/ttyS0', baud: 9600 }, paperMm: 58, rk1048: false, codePageNumbers: {}, drawer: { pin: 0, t1: 25, t2: 250 } } as const;
const bytes = await renderReceipt({ blocks: [{ kind: 'text', text: 'Итого 750' }] }, config);
const out: Record<string, unknown> = { rendered: bytes.length, available: await serialAvailable() };
try { await sendToPrinter(config, bytes); out.sent = true; } catch (e) { out.failure = e instanceof PrinterError ? e.failure : String(e); out.message = (e as Error).message; }
console.log(JSON.stringify(out));`,
      );
      const child = spawnSync(process.execPath, ['--require', preload, '--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
      expect(child.status, child.stderr).toBe(0);
      const out = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
      expect(out.failure).toBe('driver_missing');
      expect(out.message).toMatch(/serialport's native binding did not load: No native build was found/);
      expect(out.available).toEqual({ available: false, reason: expect.stringMatching(/No native build/) });
      expect(out.rendered).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
