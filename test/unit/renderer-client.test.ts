import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket } from 'ws';
import { startServer, type RunningServer } from '../../shop/serve/server';
import {
  ApiError,
  BadLinkError,
  browserTransport,
  call,
  ConnectionError,
  onBackendEvent,
  onCallFailure,
  setTransport,
  type BackendEvent,
} from '../../renderer/api/client';
import { tempBackend, tempDir } from '../helpers/tempBackend';

/**
 * The renderer's API client against the real browser-mode server and a real backend on a temporary
 * database: what the window sends is exactly what the server understands, both ways.
 */
// Node 20 has fetch but not WebSocket; `ws` is the same implementation the server uses.
(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;

const TOKEN = 'test-token-for-the-renderer-client';
let env: ReturnType<typeof tempBackend>;
let statics: ReturnType<typeof tempDir>;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  env = tempBackend();
  statics = tempDir();
  server = await startServer({ backend: env.backend, port: 0, staticDir: statics.dir, token: TOKEN });
  base = `http://127.0.0.1:${server.port}`;
  setTransport(browserTransport({ base, token: TOKEN, clientId: 'renderer-client-test' }));
});

afterAll(async () => {
  setTransport(null);
  await server.close();
  env.dispose();
  statics.dispose();
});

function nextEvent(type: BackendEvent['type']): Promise<BackendEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event`)), 5000);
    const stop = onBackendEvent((event) => {
      if (event.type !== type) return;
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

describe('renderer API client over browser mode', () => {
  it('calls a method and returns its value', async () => {
    await expect(call('system.status', {})).resolves.toEqual({ setupDone: false, session: null });
  });

  it('throws ApiError carrying the backend body, field included, and tells failure listeners', async () => {
    const seen: unknown[] = [];
    const stop = onCallFailure((e) => seen.push(e));
    const error = await call('shops.setup', {
      mode: 'new',
      shop: { name: 'Flora', currency: 'GEL', language: 'en' },
      owner: { name: 'Nino', password: 'short', language: 'en' },
    }).catch((e: unknown) => e);
    stop();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toMatchObject({ code: 'invalid_input', field: 'owner.password' });
    expect(seen).toEqual([error]);
  });

  it('receives backend events over the WebSocket after the change commits', async () => {
    const changed = nextEvent('users.changed');
    // Give the socket a moment to open before the change that emits.
    await new Promise((r) => setTimeout(r, 200));
    const result = await call('shops.setup', {
      mode: 'new',
      shop: { name: 'Flora', currency: 'GEL', language: 'ka' },
      owner: { name: 'Nino', password: 'long-enough-1', language: 'ka' },
    });
    expect(result.session).toMatchObject({ name: 'Nino', role: 'owner', language: 'ka' });
    await expect(changed).resolves.toEqual({ type: 'users.changed' });
  });

  it('keeps the sign-in per client id: the same tab stays signed in, another is not', async () => {
    await expect(call('system.status', {})).resolves.toMatchObject({ setupDone: true, session: { name: 'Nino' } });
    const other = browserTransport({ base, token: TOKEN, clientId: 'another-tab' });
    await expect(other.call('system.status', {})).resolves.toEqual({ ok: true, value: { setupDone: true, session: null } });
  });

  it('reports a wrong token as BadLinkError (the "open Posy\'s link" screen)', async () => {
    const stranger = browserTransport({ base, token: 'not-the-token', clientId: 'x' });
    await expect(stranger.call('system.status', {})).rejects.toBeInstanceOf(BadLinkError);
  });

  it('reconnects after the server restarts and replays every event type, so screens reload what they missed', async () => {
    const seen = new Set<string>();
    const stop = onBackendEvent((event) => seen.add(event.type));
    await new Promise((r) => setTimeout(r, 300)); // connected
    await server.close();
    server = await startServer({ backend: env.backend, port: Number(new URL(base).port), staticDir: statics.dir, token: TOKEN });
    // Every "changed" event, and never a scan: a code read while disconnected is gone, like a keystroke.
    await expect
      .poll(() => [...seen].sort(), { timeout: 5000 })
      .toEqual([
        'catalog.changed',
        'counts.changed',
        'devices.changed',
        'occasions.changed',
        'pricing.changed',
        'print.changed',
        'recipes.changed',
        'roles.changed',
        'sales.changed',
        'shift.changed',
        'shop.changed',
        'stock.changed',
        'suppliers.changed',
        'users.changed',
      ]);
    stop();
  });

  it('reports an unreachable backend as ConnectionError', async () => {
    const gone = browserTransport({ base: 'http://127.0.0.1:9', token: TOKEN, clientId: 'x' });
    await expect(gone.call('system.status', {})).rejects.toBeInstanceOf(ConnectionError);
  });
});
