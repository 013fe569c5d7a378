import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_FILE, LOG_ROTATION, openLog, rotatedName } from '../../shop/system/log';
import { dataDir } from '../../shop/system/dataDir';
import { tempDir } from '../helpers/tempBackend';

const ROOT = join(import.meta.dirname, '..', '..');

function lines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('log file', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.dispose());

  it('writes JSON lines to <dataDir>/logs/posy.log, backend and window errors included', async () => {
    const log = openLog({ dataDir: tmp.dir });
    log.logger.info({ port: 1 }, 'started');
    log.backendError(new Error('disk on fire'), 'catalog.save');
    log.clientError({ message: 'render failed', stack: 'at Products', where: 'ErrorBoundary' });
    await log.close();
    const written = lines(join(tmp.dir, 'logs', LOG_FILE));
    expect(written.map((l) => l.msg)).toEqual(['started', 'handler failed', 'window error: render failed']);
    expect(written[1]).toMatchObject({ level: 50, method: 'catalog.save', err: { message: 'disk on fire' } });
    expect((written[1]?.err as { stack: string }).stack).toContain('disk on fire');
    expect(written[2]).toMatchObject({ level: 50, where: 'ErrorBoundary', stack: 'at Products' });
    expect(typeof written[0]?.time).toBe('string');
  });

  it('rotates daily and by size and keeps about two weeks of files', () => {
    expect(LOG_ROTATION).toEqual({ interval: '1d', size: '10M', maxFiles: 14 });
    expect(rotatedName(null)).toBe('posy.log');
    expect(rotatedName(new Date(2026, 10, 2, 15), 3)).toBe('posy-20261102-3.log');
  });

  it('really rotates when the size limit is reached, and drops the oldest beyond maxFiles', async () => {
    const log = openLog({ dataDir: tmp.dir, rotation: { size: '1K', maxFiles: 2 } });
    const dir = join(tmp.dir, 'logs');
    for (let i = 0; i < 12; i++) {
      log.logger.info({ filler: 'x'.repeat(400), i }, 'filler');
      // let each rotation finish before writing on, as a running app's pace would
      await new Promise((r) => setTimeout(r, 30));
    }
    await log.close();
    const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
    const rotated = files.filter((f) => /^posy-\d{8}-\d+\.log$/.test(f));
    expect(files).toContain('posy.log');
    expect(rotated.length).toBeGreaterThanOrEqual(1);
    expect(rotated.length).toBeLessThanOrEqual(2);
  });

  it('logs uncaught exceptions and unhandled rejections, and the process keeps running', () => {
    const script = join(tmp.dir, 'crash.ts');
    writeFileSync(
      script,
      `import { openLog, logUncaught } from ${JSON.stringify(join(ROOT, 'shop/system/log.ts'))};
const log = openLog({ dataDir: ${JSON.stringify(tmp.dir)} });
logUncaught(log);
setTimeout(() => { throw new Error('thrown from a timer'); }, 10);
void Promise.reject(new Error('rejected promise'));
setTimeout(async () => { log.logger.info('still alive'); await log.close(); process.exit(0); }, 200);
`,
    );
    const tsx = join(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
    execFileSync(process.execPath, [tsx, script], { cwd: ROOT, stdio: 'pipe' });
    const written = lines(join(tmp.dir, 'logs', LOG_FILE));
    expect(written.find((l) => l.msg === 'uncaught exception')).toMatchObject({ level: 60, err: { message: 'thrown from a timer' } });
    expect(written.find((l) => l.msg === 'unhandled rejection')).toMatchObject({ level: 50, err: { message: 'rejected promise' } });
    expect(written.at(-1)?.msg).toBe('still alive');
  });
});

describe('data folder', () => {
  it('is POSY_DATA_DIR when set, else the OS app-data folder', () => {
    expect(dataDir({ POSY_DATA_DIR: '/tmp/shop' }, 'linux')).toBe('/tmp/shop');
    expect(dataDir({ APPDATA: 'C:\\Users\\nino\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming[\\/]Posy$/);
    expect(dataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Posy$/);
    expect(dataDir({ XDG_CONFIG_HOME: '/home/nino/.cfg' }, 'linux')).toBe('/home/nino/.cfg/Posy');
    expect(dataDir({}, 'linux')).toMatch(/\.config\/Posy$/);
  });
});
