// Builds better-sqlite3 for Electron's ABI into .native/electron/better_sqlite3.node (run from `postinstall`).
//
// Why: node_modules/better-sqlite3 must stay built for Node (tests, browser mode, benchmarks), while the
// Electron window needs the same module built for Electron's ABI. Both are kept side by side; electron/main.ts
// passes this file to better-sqlite3 as `nativeBinding`. Nothing here may fail `npm install`: every problem
// is explained in one line and the script exits 0 (the desktop window then reports the database as unreadable
// and the log says to run `node build/native-electron.mjs`).
//
//   node build/native-electron.mjs            build when Electron is installed and the build is missing or stale
//   node build/native-electron.mjs --force    rebuild even when up to date
//   node build/native-electron.mjs --runtime=node --out=DIR
//                                             build the same way for this Node instead (checks the pipeline on
//                                             machines without Electron; never used by the app)
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=')[1] ?? (args.includes(`--${name}`) ? '' : undefined);

const say = (line) => console.log(`native-electron: ${line}`);

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** { runtime, target, distUrl } for Electron, or null (with the reason said) when it is not installed. */
function electronTarget() {
  const dir = packageDir('electron');
  if (!dir) {
    say('Electron is not installed (optional dependency), skipped; the desktop window needs it, browser mode does not.');
    return null;
  }
  let binary = null;
  try {
    binary = require('electron'); // the package's export is the downloaded binary's path; it throws when the download failed
  } catch {
    binary = null;
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    say('the Electron binary was not downloaded (offline install?), skipped; run `node build/native-electron.mjs` after installing it.');
    return null;
  }
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  return { runtime: 'electron', target: version, distUrl: 'https://electronjs.org/headers' };
}

function run(cmd, cmdArgs, cwd, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function main() {
  const runtimeFlag = flag('runtime');
  const target =
    runtimeFlag === 'node' ? { runtime: 'node', target: process.versions.node, distUrl: undefined } : electronTarget();
  if (!target) return;

  const sqliteDir = packageDir('better-sqlite3');
  if (!sqliteDir) {
    say('better-sqlite3 is not installed, nothing to build.');
    return;
  }
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const outDir = resolve(root, flag('out') || join('.native', target.runtime));
  const outFile = join(outDir, 'better_sqlite3.node');
  const infoFile = join(outDir, 'build-info.json');
  const info = { runtime: target.runtime, target: target.target, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };

  if (flag('force') === undefined && existsSync(outFile) && existsSync(infoFile)) {
    try {
      if (JSON.stringify(JSON.parse(readFileSync(infoFile, 'utf8'))) === JSON.stringify(info)) {
        say(`up to date (better-sqlite3 ${sqliteVersion} for ${target.runtime} ${target.target}).`);
        return;
      }
    } catch {
      // unreadable info: rebuild
    }
  }

  // Build in a copy so node_modules/better-sqlite3 keeps its Node build untouched.
  const work = mkdtempSync(join(tmpdir(), 'posy-native-'));
  try {
    const copy = join(work, 'better-sqlite3');
    cpSync(sqliteDir, copy, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });
    say(`building better-sqlite3 ${sqliteVersion} for ${target.runtime} ${target.target} (${process.platform}-${process.arch})…`);

    const runtimeArgs = [`--runtime=${target.runtime}`, `--target=${target.target}`, `--arch=${process.arch}`];
    let built = false;
    const prebuildDir = packageDir('prebuild-install');
    if (prebuildDir) {
      // A published prebuilt binary: fast and needs no compiler.
      built = run(process.execPath, [join(prebuildDir, 'bin.js'), ...runtimeArgs, `--platform=${process.platform}`], copy);
    }
    const gypDir = packageDir('node-gyp');
    if (!built && gypDir) {
      say('no prebuilt binary; compiling with node-gyp (needs a C++ toolchain and Python)…');
      // For this Node, node-gyp's defaults (and npm's nodedir, if configured) already fit.
      const gypArgs = target.runtime === 'node' ? ['rebuild', '--release'] : ['rebuild', '--release', `--target=${target.target}`, `--arch=${process.arch}`];
      if (target.distUrl) gypArgs.push(`--dist-url=${target.distUrl}`);
      built = run(process.execPath, [join(gypDir, 'bin', 'node-gyp.js'), ...gypArgs], copy, {
        npm_config_runtime: target.runtime,
        npm_config_target: target.target,
        ...(target.distUrl ? { npm_config_disturl: target.distUrl } : {}),
      });
    }
    const result = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!built || !existsSync(result)) {
      say('could not build better-sqlite3 for Electron; the desktop window will not open the database until `node build/native-electron.mjs` succeeds.');
      return;
    }
    mkdirSync(outDir, { recursive: true });
    // Copy then rename: a running Posy never loads half a file.
    copyFileSync(result, `${outFile}.tmp`);
    renameSync(`${outFile}.tmp`, outFile);
    writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
    say(`wrote ${outFile}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  say(`failed (${e instanceof Error ? e.message : String(e)}); npm install goes on, the desktop window may not open the database.`);
}
process.exit(0);
