/**
 * One backend cold start, in a fresh process (so nothing is warm but the OS file cache):
 * open the database, run the integrity check and migrations, and answer the calls the sign-in
 * screen makes first. Prints one JSON line for bench/run.ts.
 *
 *   tsx bench/cold-start.ts <dataDir> [--memory]
 *
 * With --memory it then signs the owner in, pages through the whole catalogue as the product list
 * does and runs a few searches, and reports the process's resident memory.
 */
export {};

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: cold-start.ts <dataDir> [--memory]');

const importStart = performance.now();
const { Backend } = await import('../shop/backend');
const importMs = performance.now() - importStart;

const start = performance.now();
const backend = Backend.boot({ dataDir, check: process.argv.includes('--full-check') ? 'always' : 'due' });
const openMs = performance.now() - start;
const client = backend.newClient();
const status = await backend.call(client, 'system.status', {});
const picker = await backend.call(client, 'users.picker', {});
const bootMs = performance.now() - start;
if (!status.ok || !picker.ok) throw new Error('the backend did not answer');

let rssMb: number | null = null;
if (process.argv.includes('--memory')) {
  const { signInOwner } = await import('./fixture');
  const owner = await signInOwner(backend);
  let offset = 0;
  for (;;) {
    const page = await backend.call(owner, 'catalog.search', { limit: 200, offset });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    const { items, total } = page.value as { items: unknown[]; total: number };
    offset += items.length;
    if (items.length === 0 || offset >= total) break;
  }
  for (const query of ['rose', 'роза', 'ვარდ', 'lola', 'қызыл']) await backend.call(owner, 'catalog.search', { query });
  rssMb = process.memoryUsage().rss / 2 ** 20;
}

backend.shutdown();
process.stdout.write(`${JSON.stringify({ bootMs, openMs, importMs, rssMb, fullCheck: backend.startCheck.full })}\n`);
