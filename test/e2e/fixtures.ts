import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
export { mkdtempSync, rmSync };
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const READY = /Posy is running in browser mode: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 90_000;

export interface PosyServer {
  /** The link the server printed, with `#token=…`. */
  url: string;
  /** The same address without the token (what a stale bookmark would hold). */
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the server printed so far (for failure messages). */
  output(): string;
}

/** Starts `node build/start.mjs --browser` on a data folder and resolves once it prints its link. */
export async function startServer(dataDir: string): Promise<{ child: ChildProcess; server: PosyServer }> {
  const child = spawn(process.execPath, [join(ROOT, 'build', 'start.mjs'), '--browser'], {
    cwd: ROOT,
    env: { ...process.env, POSY_DATA_DIR: dataDir, POSY_PORT: '0', POSY_BROWSER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Posy did not print its link within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Posy exited (${code}) before printing its link:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '';
  return { child, server: { url, origin: `${parsed.origin}/`, token, dataDir, output: () => output } };
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * `posy`: a browser-mode Posy on its own empty data folder, started for each test file (worker-scoped
 * fixtures would outlive a file; a file-scoped server keeps files independent) and stopped afterwards.
 */
export const test = base.extend<{ posy: PosyServer }, { posyPerFile: { get(file: string): Promise<PosyServer>; stopAll(): Promise<void> } }>({
  posyPerFile: [
    async ({}, use) => {
      const running = new Map<string, { child: ChildProcess; server: PosyServer }>();
      const stopAll = async () => {
        for (const [file, entry] of running) {
          await stopServer(entry.child);
          rmSync(entry.server.dataDir, { recursive: true, force: true });
          running.delete(file);
        }
      };
      await use({
        async get(file) {
          const existing = running.get(file);
          if (existing) return existing.server;
          await stopAll(); // the previous file's server: files run one after another (workers: 1)
          const dataDir = mkdtempSync(join(tmpdir(), 'posy-e2e-'));
          const started = await startServer(dataDir);
          running.set(file, started);
          return started.server;
        },
        stopAll,
      });
      await stopAll();
    },
    { scope: 'worker' },
  ],
  posy: async ({ posyPerFile }, use, testInfo) => {
    await use(await posyPerFile.get(testInfo.file));
  },
});

export { expect };
