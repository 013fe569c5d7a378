import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DEMO_USERS as DemoUsers } from '../../shop/demo/seed';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The demo shop's users and secrets, read from shop/demo/seed.ts itself (one source of truth).
 * Loaded through tsx in a child process because the seed's modules import locale JSON without
 * `with { type: 'json' }`, which Playwright's ESM loader refuses.
 */
function loadDemoUsers(): typeof DemoUsers {
  const tsx = join(createRequire(join(ROOT, 'package.json')).resolve('tsx/package.json'), '..', 'dist', 'cli.mjs');
  const code = "import { DEMO_USERS } from './shop/demo/seed.ts'; process.stdout.write(JSON.stringify(DEMO_USERS));";
  return JSON.parse(execFileSync(process.execPath, [tsx, '--eval', code], { cwd: ROOT, encoding: 'utf8' })) as typeof DemoUsers;
}

export const DEMO_USERS = loadDemoUsers();

export function demoUser(role: string): (typeof DemoUsers)[number] {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo ${role}`);
  return user;
}
