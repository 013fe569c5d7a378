import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../shop/serve/csp';
import { tempDir } from '../helpers/tempBackend';

/*
 * The Electron binary cannot be downloaded on every machine (this one included), so the real window is
 * covered by test/e2e/electron.spec.ts only where it exists. This test runs the real bundles
 * (dist/electron/main.cjs, preload.cjs) under Node with test/helpers/fakeElectron.cjs standing in for
 * Electron's API: the IPC checks, the window's options, the menu and the start-up failure path are ours.
 */

const ROOT = join(import.meta.dirname, '..', '..');
let out: ReturnType<typeof tempDir>;

beforeAll(() => {
  out = tempDir();
  execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), `--out=${out.dir}`], { cwd: ROOT, stdio: 'pipe' });
}, 60_000);
afterAll(() => out.dispose());

interface Report {
  paths: Record<string, string>;
  webPreferences: Record<string, unknown>;
  loaded: string;
  menu: string[];
  dialogs: { message: string; detail?: string }[];
  ours: unknown;
  foreign: unknown;
  noFrame: unknown;
  unknown: unknown;
  exposed: string[];
  invoke: unknown;
  leaks: boolean;
  csp: string[] | undefined;
  permission: boolean;
}

function runMain(dataDir: string, langs = 'en'): Report {
  const driver = join(out.dir, 'driver.cjs');
  writeFileSync(
    driver,
    `const { pathToFileURL } = require('node:url');
const main = ${JSON.stringify(join(out.dir, 'electron', 'main.cjs'))};
require(main);
setTimeout(async () => {
  const f = globalThis.__fakeElectron;
  const call = f.handlers['posy:call'];
  const win = f.windows[0];
  const index = pathToFileURL(${JSON.stringify(join(out.dir, 'renderer', 'index.html'))}).href;
  const sender = { id: 1, on() { return this; } };
  const report = {
    paths: f.paths,
    webPreferences: win.options.webPreferences,
    loaded: win.loaded,
    menu: f.menus[0].map((m) => m.label ?? m.role),
    dialogs: f.dialogs,
    ours: await call({ senderFrame: { url: index + '#/products' }, sender }, 'system.status', {}),
    foreign: await call({ senderFrame: { url: 'https://evil.example/' }, sender }, 'system.status', {}),
    noFrame: await call({ senderFrame: null, sender }, 'system.status', {}),
    unknown: await call({ senderFrame: { url: index }, sender }, 'constructor', {}),
  };
  process.argv.push(win.options.webPreferences.additionalArguments[0]);
  require(${JSON.stringify(join(out.dir, 'electron', 'preload.cjs'))});
  const posy = f.exposed.posy;
  report.exposed = Object.keys(posy.api);
  report.invoke = await posy.api['system.status']({});
  report.leaks = 'ipcRenderer' in posy || typeof posy.invoke === 'function';
  await new Promise((r) => f.headersListener({ url: index, responseHeaders: {} }, (res) => { report.csp = res.responseHeaders['Content-Security-Policy']; r(); }));
  report.permission = await new Promise((r) => f.permissionHandler({}, 'media', r));
  for (const quit of f.appListeners['will-quit'] ?? []) quit();
  process.stdout.write(JSON.stringify(report));
  setTimeout(() => process.exit(0), 100);
}, 300);
`,
  );
  const stdout = execFileSync(process.execPath, ['-r', join(ROOT, 'test', 'helpers', 'fakeElectron.cjs'), driver], {
    cwd: ROOT,
    env: { ...process.env, POSY_DATA_DIR: dataDir, FAKE_ELECTRON_LANGS: langs, NODE_PATH: join(ROOT, 'node_modules') },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Report;
}

describe('Electron main and preload bundles (Electron API stood in)', () => {
  it('opens a locked-down window and answers only our own page, only for known methods', () => {
    const data = tempDir();
    try {
      const r = runMain(data.dir);
      expect(r.paths.userData).toBe(join(data.dir, 'electron'));
      expect(r.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
      expect(r.loaded).toBe(join(out.dir, 'renderer', 'index.html'));
      expect(r.menu).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(r.dialogs).toEqual([]);
      expect(r.ours).toEqual({ ok: true, value: { setupDone: false, session: null } });
      expect(r.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(r.noFrame).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(r.unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(r.exposed).toContain('system.status');
      expect(r.exposed).toContain('users.signIn');
      expect(r.invoke).toEqual(['posy:call', 'system.status', {}]);
      expect(r.leaks).toBe(false);
      expect(r.csp).toEqual([CSP]);
      expect(r.permission).toBe(false);
    } finally {
      data.dispose();
    }
  });

  it('when the database is from a newer Posy: a translated dialog, and every call answers startup_failed', () => {
    const data = tempDir();
    try {
      mkdirSync(data.dir, { recursive: true });
      const db = new Database(join(data.dir, 'posy.db'));
      db.pragma('user_version = 999');
      db.close();
      const r = runMain(data.dir, 'ru-RU,en');
      expect(r.menu[0]).toBe('Файл');
      expect(r.dialogs).toHaveLength(1);
      expect(r.dialogs[0]?.message).toMatch(/[а-яё]/i);
      expect(r.dialogs[0]?.detail).toContain('999');
      expect(r.ours).toMatchObject({ ok: false, error: { code: 'startup_failed', messageKey: 'errors:startup.dbTooNew' } });
      expect(r.invoke).toEqual(['posy:call', 'system.status', {}]);
    } finally {
      data.dispose();
    }
  });
});
