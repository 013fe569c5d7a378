// A pseudo-terminal pair made by socat: what one program writes to `a`, another reads from `b` and back,
// exactly as over a null-modem cable. Stands in for a serial printer or a serial scanner with the real
// serialport binding on both ends. socat is installed by .ci/run; `socatMissing` says why a test skips.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** null when socat is installed, else the reason to give for skipping. */
export const socatMissing: string | null =
  spawnSync('socat', ['-V'], { stdio: 'ignore' }).error === undefined
    ? null
    : 'socat is not installed (apt-get install socat; .ci/run installs it): no pseudo-terminal pair for serial tests';

export interface PtyPair {
  /** one end, e.g. the path the driver opens as the printer's serial port */
  readonly a: string;
  /** the other end, opened by the test as the printer */
  readonly b: string;
  close(): Promise<void>;
}

export async function openPtyPair(timeoutMs = 5000): Promise<PtyPair> {
  if (socatMissing) throw new Error(socatMissing);
  const dir = mkdtempSync(join(tmpdir(), 'posy-pty-'));
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  // raw, echo=0: bytes pass untouched (no CR/LF translation, no echo), as on a serial line
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + timeoutMs;
  // socat logs "starting data transfer loop" once both ends exist
  while (!(existsSync(a) && existsSync(b) && log.includes('starting data transfer loop'))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`socat did not make a pty pair: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    a,
    b,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
