import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScannerManager } from '../../hardware/scanner/manager';
import type { SerialScannerSettings, ScannerStatus } from '../../hardware/scanner/types';
import type { BackendEvent } from '../../shop/api/define';
import { callsOn } from '../helpers/calls';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Serial scanners on a real pseudo-terminal pair made by socat: the driver opens `<dir>/scanner` with
 * serialport exactly as it would /dev/ttyUSB0, and the test types the scanner's bytes into `<dir>/feed`.
 * Killing socat is an unplug (the pty goes away under the open port); a new socat on the same link path
 * is the replug.
 */
const SOCAT = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' }).stdout.trim();
const skipReason = SOCAT ? '' : ' — SKIPPED: socat is not installed (apt-get install socat; .ci/run installs it)';

class PtyPair {
  private proc: ChildProcess | null = null;
  constructor(readonly dir: string) {}
  get scanner() {
    return join(this.dir, 'scanner');
  }
  get feed() {
    return join(this.dir, 'feed');
  }

  async start(): Promise<void> {
    this.proc = spawn(SOCAT, [`pty,raw,echo=0,link=${this.scanner}`, `pty,raw,echo=0,link=${this.feed}`], { stdio: 'ignore' });
    await until(() => existsSync(this.scanner) && existsSync(this.feed));
  }

  /** Unplug: socat ends, both pty ends close, the links are removed. */
  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill('SIGTERM');
    await exited;
    await until(() => !existsSync(this.scanner));
  }

  /** Writes each part as its own write, `gapMs` apart: a code arriving in pieces, as over a real line. */
  async type(parts: readonly string[], gapMs = 0): Promise<void> {
    const fd = openSync(this.feed, 'w');
    try {
      for (const [i, part] of parts.entries()) {
        if (i > 0 && gapMs > 0) await sleep(gapMs);
        writeSync(fd, Buffer.from(part, 'latin1'));
      }
    } finally {
      closeSync(fd);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs = 5000, what = check.toString()): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe.skipIf(!SOCAT)(`serial scanners on a socat pseudo-terminal${skipReason}`, () => {
  let dir: string;
  let pty: PtyPair;
  let manager: ScannerManager | null;
  let scans: string[];
  let states: ScannerStatus['state'][];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'posy-scanner-'));
    pty = new PtyPair(dir);
    await pty.start();
    manager = null;
    scans = [];
    states = [];
  });
  afterEach(async () => {
    await manager?.stop();
    await pty.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(settings: Partial<SerialScannerSettings>): Promise<ScannerManager> {
    manager = new ScannerManager({
      pollMs: 50,
      onScan: (_id, code) => scans.push(code),
      onStatus: (_id, s) => states.push(s.state),
    });
    await manager.setConfigs([{ id: 'serial-1', kind: 'serial', settings: { path: pty.scanner, baudRate: 9600, suffix: 'cr', silenceMs: 50, ...settings } }]);
    expect(manager.status('serial-1')).toEqual({ state: 'connected' });
    return manager;
  }

  it('suffix CR: each code ends at CR; a code split across writes is joined; an AIM prefix and LF are dropped', async () => {
    await open({ suffix: 'cr' });
    await pty.type(['4601234567893\r']);
    await pty.type(['46012', '345', '67890\r'], 15);
    await pty.type([']E02000000000015\r\n', '12345670\r']);
    await until(() => scans.length >= 4);
    expect(scans).toEqual(['4601234567893', '4601234567890', '2000000000015', '12345670']);
  });

  it('suffix CRLF: a code whose CR and LF arrive in different writes is still one code', async () => {
    await open({ suffix: 'crlf' });
    await pty.type(['posy:sale:0192f4c2-7d3e-7a11-9b2c-3f4e5d6c7b8a\r', '\nABC-1\r\n']);
    await until(() => scans.length >= 2);
    expect(scans).toEqual(['posy:sale:0192f4c2-7d3e-7a11-9b2c-3f4e5d6c7b8a', 'ABC-1']);
  });

  it('no suffix: a silence ends the code; pieces closer than the silence stay one code', async () => {
    await open({ suffix: 'none', silenceMs: 120 });
    await pty.type(['46012', '34567', '893'], 20);
    await sleep(400);
    await pty.type(['12345670']);
    await until(() => scans.length >= 2);
    await sleep(200);
    expect(scans).toEqual(['4601234567893', '12345670']);
  });

  it('unplug (socat killed) is reported; replug on the same path reopens it without a restart', async () => {
    await open({ suffix: 'cr' });
    await pty.type(['11111111\r']);
    await until(() => scans.length === 1);

    await pty.stop();
    await until(() => manager!.status('serial-1')?.state === 'disconnected');

    await sleep(150); // a few polls find nothing at the path
    expect(manager!.status('serial-1')?.state).toBe('disconnected');

    await pty.start();
    await until(() => manager!.status('serial-1')?.state === 'connected');
    await pty.type(['22222222\r']);
    await until(() => scans.length === 2);
    expect(scans).toEqual(['11111111', '22222222']);
    expect(states).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('a replug quicker than the poll (same link, new pty) still ends up reading the new device', async () => {
    manager = new ScannerManager({ pollMs: 300, onScan: (_id, code) => scans.push(code), onStatus: (_id, st) => states.push(st.state) });
    await manager.setConfigs([{ id: 'serial-1', kind: 'serial', settings: { path: pty.scanner, baudRate: 9600, suffix: 'cr', silenceMs: 50 } }]);
    await pty.type(['11111111\r']);
    await until(() => scans.length === 1);
    await pty.stop();
    await pty.start();
    await pty.type(['lost-while-reconnecting\r']); // nobody may be reading yet: a code typed into the void is gone
    await until(() => manager!.status('serial-1')?.state === 'connected' && states.length >= 3, 3000);
    await pty.type(['33333333\r']);
    await until(() => scans.includes('33333333'));
    expect(states.slice(-2)).toEqual(['disconnected', 'connected']);
  });

  it('through the backend: a configured serial scanner’s code arrives as a scan event (Backend.onEvent)', async () => {
    const env = tempBackend({ scanners: { pollMs: 50 } });
    const { ok, call } = callsOn(() => env.backend);
    const events: BackendEvent[] = [];
    env.backend.onEvent((e) => events.push(e));
    try {
      const owner = env.backend.newClient();
      await ok(owner, 'shops.setup', {
        mode: 'new',
        shop: { name: 'Bahor', currency: 'UZS', language: 'uz', country: 'UZ' },
        owner: { name: 'Dilnoza', password: 'samarqand-lola-3', language: 'uz' },
      });
      const saved = await ok(owner, 'scanners.save', { name: 'Till 1', kind: 'serial', settings: { path: pty.scanner, suffix: 'cr' } });
      expect(saved.settings).toEqual({ path: pty.scanner, baudRate: 9600, suffix: 'cr', silenceMs: 50 });
      await until(() => events.some((e) => e.type === 'devices.changed') && env.backend.scanners.status(saved.id)?.state === 'connected');
      expect((await ok(owner, 'scanners.list', {}))[0]).toMatchObject({ id: saved.id, state: 'connected' });

      await pty.type(['4601234567893\r']);
      await until(() => events.some((e) => e.type === 'scan'));
      expect(events.filter((e) => e.type === 'scan')).toEqual([{ type: 'scan', code: '4601234567893', scannerId: saved.id }]);

      // One scanner per port.
      expect(await call(owner, 'scanners.save', { name: 'Till 2', kind: 'serial', settings: { path: pty.scanner } })).toMatchObject({
        ok: false,
        error: { code: 'conflict', messageKey: 'errors:devices.portTaken', params: { name: 'Till 1' } },
      });
      expect(await call(owner, 'scanners.save', { name: 'Till 2', kind: 'serial', settings: { path: pty.scanner, silenceMs: 1 } })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', messageKey: 'errors:devices.silenceInvalid', field: 'settings.silenceMs' },
      });

      // Settings changed in place: the port is reopened with them (now no suffix, a silence ends the code).
      await ok(owner, 'scanners.save', { id: saved.id, name: 'Till 1', kind: 'serial', settings: { path: pty.scanner, suffix: 'none', silenceMs: 60 } });
      await env.backend.scanners.settled();
      await until(() => env.backend.scanners.status(saved.id)?.state === 'connected');
      await pty.type(['98765432']);
      await until(() => events.filter((e) => e.type === 'scan').length === 2);
      expect(events.filter((e) => e.type === 'scan').at(-1)).toEqual({ type: 'scan', code: '98765432', scannerId: saved.id });

      const audit = env.backend.db.prepare(`SELECT action FROM audit_log WHERE entity = 'scanner'`).all() as { action: string }[];
      expect(audit.map((a) => a.action)).toEqual(['scanners.save', 'scanners.save']);
    } finally {
      env.dispose();
    }
  });
});
