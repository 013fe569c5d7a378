// `npm start`: the Electron window when the Electron binary is installed, browser mode otherwise.
//   --browser       always browser mode
//   POSY_PORT       browser-mode port (unset: 5178, or any free port if taken; 0: any free port)
//   POSY_DATA_DIR   data folder (default: the OS app-data folder)
// Builds first when dist/ is missing or older than the sources, so a fresh clone needs only `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const at = (...p) => join(root, ...p);

const OUT = {
  renderer: at('dist', 'renderer', 'index.html'),
  main: at('dist', 'electron', 'main.cjs'),
  preload: at('dist', 'electron', 'preload.cjs'),
  server: at('dist', 'server', 'cli.mjs'),
};

/** The Electron executable, or null where the optional dependency or its download is missing. */
export function electronBinary() {
  try {
    // The electron package's main export is the path to the binary it downloaded; it throws when that failed.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Newest modification time under the given files and folders (0 when none exist). */
function newest(paths) {
  let max = 0;
  const visit = (p) => {
    let info;
    try {
      info = statSync(p);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(join(p, name));
    } else if (info.mtimeMs > max) {
      max = info.mtimeMs;
    }
  };
  for (const p of paths) visit(p);
  return max;
}

function oldest(files) {
  let min = Infinity;
  for (const f of files) {
    try {
      min = Math.min(min, statSync(f).mtimeMs);
    } catch {
      return 0; // missing output: stale
    }
  }
  return min;
}

const RENDERER_SOURCES = ['renderer', 'locales', 'index.html', 'vite.config.ts', 'vite.config.mjs', 'package.json'].map((p) => at(p));
const NODE_SOURCES = ['electron', 'shop', 'db', 'hardware', 'locales', 'build/bundle.mjs', 'package.json'].map((p) => at(p));

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`\`${[cmd, ...args].join(' ')}\` failed; fix the error above and run npm start again.`);
  }
}

const LOCK = at('dist', '.build-lock');

/** Several `npm start`s at once (tests in parallel, a double click) build one at a time. */
async function withBuildLock(fn) {
  mkdirSync(at('dist'), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue;
      }
      // A build that crashed leaves its lock behind; nothing takes five minutes.
      if (age > 5 * 60_000 || Date.now() - started > 5 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function buildIfNeeded() {
  const rendererStale = () => oldest([OUT.renderer]) < newest(RENDERER_SOURCES);
  const nodeStale = () => oldest([OUT.main, OUT.preload, OUT.server]) < newest(NODE_SOURCES);
  if (!rendererStale() && !nodeStale()) return;
  await withBuildLock(async () => {
    if (rendererStale()) {
      console.log('Posy: building the window (vite build)…');
      const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
      // Built aside, then swapped in: a Posy already serving dist/renderer never sees a half-empty folder.
      const fresh = at('dist', '.renderer-next');
      const old = at('dist', '.renderer-old');
      run(process.execPath, [vite, 'build', '--outDir', fresh, '--emptyOutDir', '--logLevel', 'warn']);
      rmSync(old, { recursive: true, force: true });
      if (existsSync(at('dist', 'renderer'))) renameSync(at('dist', 'renderer'), old);
      renameSync(fresh, at('dist', 'renderer'));
      rmSync(old, { recursive: true, force: true });
    }
    if (nodeStale()) {
      const { bundle } = await import(pathToFileURL(at('build', 'bundle.mjs')).href);
      await bundle();
    }
  });
}

async function main() {
  const forceBrowser = process.argv.includes('--browser') || process.env.POSY_BROWSER === '1';
  const electron = forceBrowser ? null : electronBinary();
  await buildIfNeeded();

  if (electron) {
    // Normally done by postinstall; here too, so a checkout where it did not run still opens its database.
    if (!existsSync(at('.native', 'electron', 'better_sqlite3.node'))) run(process.execPath, [at('build', 'native-electron.mjs')]);
    // The app folder, not main.cjs: Electron then reads package.json (name, version, "main": dist/electron/main.cjs).
    const args = [root, ...process.argv.slice(2).filter((a) => a !== '--browser')];
    const child = spawn(electron, args, { cwd: root, stdio: 'inherit', env: process.env });
    const forward = (signal) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT'));
    process.on('SIGTERM', forward('SIGTERM'));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }

  if (!forceBrowser) {
    console.log('Electron is not installed on this machine, so Posy opens in browser mode instead.');
  }
  // Same process: one Node start-up instead of two keeps the first paint fast.
  await import(pathToFileURL(OUT.server).href);
}

try {
  await main();
} catch (e) {
  console.error(`Posy: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
