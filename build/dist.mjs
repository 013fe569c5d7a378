// `npm run dist`: electron-builder, with this checkout's Node build of better-sqlite3 kept safe.
// electron-builder (npmRebuild) rebuilds native modules for Electron in place, inside node_modules, which
// would leave `npm test` and browser mode with a module they cannot load. The Node build is set aside
// first and put back afterwards, whatever happened. Arguments go to electron-builder (e.g. --win, --linux).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
const keep = mkdtempSync(join(tmpdir(), 'posy-dist-'));
const saved = join(keep, 'better_sqlite3.node');

if (existsSync(nodeBuild)) copyFileSync(nodeBuild, saved);
let status = 1;
try {
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  status = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }).status ?? 1;
} finally {
  if (existsSync(saved)) copyFileSync(saved, nodeBuild);
  rmSync(keep, { recursive: true, force: true });
}
process.exit(status);
