import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../backend';
import { setClientErrorSink } from '../system/handlers';
import { dataDir as defaultDataDir } from '../system/dataDir';
import { logUncaught, openLog } from '../system/log';
import { startServer, type RunningServer } from './server';

/** What a person's `npm start` binds to, so a bookmarked tab survives restarts; taken → any free port. */
export const PREFERRED_PORT = 5178;

/** dist/server/cli.mjs serves dist/renderer; run from source (tsx) it falls back to ./dist/renderer. */
function rendererDir(): string {
  if (process.env.POSY_STATIC_DIR) return resolve(process.env.POSY_STATIC_DIR);
  const besideBundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  if (existsSync(join(besideBundle, 'index.html'))) return besideBundle;
  return resolve('dist', 'renderer');
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';
}

async function main(): Promise<void> {
  const dataDir = defaultDataDir();
  const log = openLog({ dataDir });
  logUncaught(log);
  setClientErrorSink((report) => log.clientError(report));

  let backend: Backend | undefined;
  let startError: unknown;
  try {
    backend = Backend.boot({ dataDir, log: (error, method) => log.backendError(error, method) });
  } catch (e) {
    startError = e;
    log.logger.fatal({ err: e }, 'backend failed to start');
    // The window shows the translated reason; the terminal gets the raw one.
    console.error(`Posy could not open its database in ${dataDir}: ${e instanceof Error ? e.message : String(e)}`);
  }

  const base = { staticDir: rendererDir(), onError: (e: unknown, where: string) => log.logger.error({ err: e, where }, 'request failed') };
  const withBackend = backend ? { ...base, backend } : { ...base, startError };
  const requested = process.env.POSY_PORT;
  let server: RunningServer;
  if (requested !== undefined && requested !== '') {
    const port = Number(requested);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`POSY_PORT must be a port number, got "${requested}"`);
    server = await startServer({ ...withBackend, port });
  } else {
    try {
      server = await startServer({ ...withBackend, port: PREFERRED_PORT });
    } catch (e) {
      if (!isAddressInUse(e)) throw e;
      server = await startServer({ ...withBackend, port: 0 });
    }
  }
  log.logger.info({ port: server.port, dataDir }, 'browser mode started');
  // The e2e fixture and people both read this exact line.
  console.log(`Posy is running in browser mode: ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.logger.info({ signal }, 'stopping');
    await server.close();
    try {
      backend?.shutdown();
    } catch (e) {
      log.logger.error({ err: e }, 'shutdown failed');
    }
    await log.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
}

main().catch((e: unknown) => {
  console.error(`Posy could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
