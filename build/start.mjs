// `npm start`: the Electron window when the Electron binary is installed, browser mode otherwise.
//   --browser       always browser mode
//   POSY_PORT       browser-mode port (unset: 5178, or any free port if taken; 0: any free port)
//   POSY_DATA_DIR   data folder (default: the OS app-data folder)
// Builds first when dist/ is missing or older than the sources, so a fresh clone needs only `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
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
    console.error(`Posy: \`${[cmd, ...args].join(' ')}\` failed; fix the error above and run npm start again.`);
    process.exit(result.status ?? 1);
  }
}

async function buildIfNeeded() {
  if (oldest([OUT.renderer]) < newest(RENDERER_SOURCES)) {
    console.log('Posy: building the window (vite build)…');
    const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    run(process.execPath, [vite, 'build']);
  }
  if (oldest([OUT.main, OUT.preload, OUT.server]) < newest(NODE_SOURCES)) {
    const { bundle } = await import(pathToFileURL(at('build', 'bundle.mjs')).href);
    await bundle();
  }
}

async function main() {
  const forceBrowser = process.argv.includes('--browser') || process.env.POSY_BROWSER === '1';
  const electron = forceBrowser ? null : electronBinary();
  await buildIfNeeded();

  if (electron) {
    const args = [OUT.main, ...process.argv.slice(2).filter((a) => a !== '--browser')];
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

await main();
