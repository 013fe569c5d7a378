import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs');

/** Lays out a miniature project with the given files and returns the rules it breaks. */
async function violations(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'posy-rules-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const roots = [...new Set(Object.keys(files).map((p) => p.split('/')[0]!))];
    const cwd = process.cwd();
    process.chdir(dir); // rules match paths relative to the project root
    const result = await cruise(
      roots,
      { ruleSet: { forbidden: config.forbidden }, validate: true, tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' } },
      { extensions: ['.ts', '.tsx', '.js'] },
    ).finally(() => process.chdir(cwd));
    if (typeof result.output === 'string') throw new Error(result.output);
    return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('refuse the renderer importing the database or backend code', async () => {
    const found = await violations({
      'db/open.ts': 'export const open = 1;\n',
      'shop/api/handlers.ts': 'export const handlers = {};\n',
      'shop/api/contract.ts': 'export type Method = string;\n',
      'renderer/bad.ts': "import { open } from '../db/open';\nimport { handlers } from '../shop/api/handlers';\nexport const x = [open, handlers];\n",
      'renderer/good.ts': "import type { Method } from '../shop/api/contract';\nexport const m: Method = 'a';\n",
    });
    expect(found).toContain('renderer-only-types-from-backend: renderer/bad.ts -> db/open.ts');
    expect(found).toContain('renderer-only-types-from-backend: renderer/bad.ts -> shop/api/handlers.ts');
    expect(found.filter((v) => v.includes('renderer/good.ts'))).toEqual([]);
  });

  it('refuse Node built-ins in the renderer and Electron in the backend', async () => {
    const found = await violations({
      'renderer/fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'shop/window.ts': "import { app } from 'electron';\nexport const a = app;\n",
    });
    expect(found.some((v) => v.startsWith('renderer-no-node-builtins: renderer/fs.ts'))).toBe(true);
    expect(found.some((v) => v.startsWith('backend-knows-no-electron: shop/window.ts'))).toBe(true);
  });

  it('refuse db/ importing the shop', async () => {
    const found = await violations({
      'shop/rules.ts': 'export const r = 1;\n',
      'db/open.ts': "import { r } from '../shop/rules';\nexport const o = r;\n",
    });
    expect(found).toContain('db-is-the-bottom: db/open.ts -> shop/rules.ts');
  });
});
