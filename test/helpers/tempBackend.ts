import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend, type BackendOptions } from '../../shop/backend';

/** A real backend on a real SQLite file in a fresh temporary folder. Call `dispose()` in afterEach. */
export function tempBackend(opts: Partial<BackendOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'posy-test-'));
  const backend = Backend.boot({ dataDir, ...opts });
  return {
    backend,
    dataDir,
    dispose() {
      backend.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'posy-test-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
