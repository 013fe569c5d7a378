// Bundles the node-side entry points with esbuild (the renderer is Vite's job: dist/renderer).
//   electron/main.ts    -> dist/electron/main.cjs     (Electron main: CJS, only electron + native modules external)
//   electron/preload.ts -> dist/electron/preload.cjs  (sandboxed preload: CJS, one file, only 'electron' external)
//   shop/serve/cli.ts   -> dist/server/cli.mjs        (browser mode: ESM, native modules external)
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Native modules load their compiled part from beside their own package: never bundled. better-sqlite3 is
 * compiled per runtime (Node for tests and browser mode, Electron's ABI for the desktop, build/native-electron.mjs);
 * serialport, node-hid and @napi-rs/canvas use Node-API, whose prebuilt binaries load in Node and Electron alike.
 */
export const NATIVE_MODULES = ['better-sqlite3', 'serialport', '@serialport/bindings-cpp', 'node-hid', '@napi-rs/canvas'];

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.POSY_BUNDLED': '"1"' },
};

export const targets = [
  {
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    target: 'node22',
    external: ['electron', ...NATIVE_MODULES],
  },
  {
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    target: 'chrome130',
    // A sandboxed preload may require only 'electron' (and a few builtins); everything else is inlined.
    external: ['electron'],
  },
  {
    entryPoints: ['shop/serve/cli.ts'],
    outfile: 'dist/server/cli.mjs',
    format: 'esm',
    target: 'node20',
    external: NATIVE_MODULES,
    // Bundled CommonJS dependencies (pino) call require(); give the ES module one.
    banner: { js: "import { createRequire as __posyCreateRequire } from 'node:module'; const require = __posyCreateRequire(import.meta.url);" },
  },
];

/** `outDir` replaces dist/ (tests bundle into a temporary folder so they never race a real build). */
export async function bundle({ outDir } = {}) {
  await Promise.all(
    targets.map((t) => {
      if (!existsSync(join(root, t.entryPoints[0]))) {
        console.warn(`bundle: ${t.entryPoints[0]} not found, skipped`);
        return undefined;
      }
      const outfile = outDir ? join(outDir, relative(join(root, 'dist'), join(root, t.outfile))) : t.outfile;
      return build({ ...common, ...t, outfile });
    }),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv.find((a) => a.startsWith('--out='))?.slice('--out='.length);
  await bundle(out ? { outDir: out } : {});
}
