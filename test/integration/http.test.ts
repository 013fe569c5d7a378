import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import { DatabaseStartError } from '../../db/open';
import { handler, type ClientState, type HandlerMap } from '../../shop/api/define';
import { systemHandlers } from '../../shop/system/handlers';
import { CSP, MAX_BODY_BYTES, startServer, type RunningServer } from '../../shop/serve/server';
import { DEMO_USERS } from '../../shop/demo/seed';
import { tempBackend, tempDir } from '../helpers/tempBackend';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: a test must be able to send the forged Host headers a browser would not. */
function send(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

// Test handlers that make the client state visible: a counter per ClientState object.
const counters = new WeakMap<ClientState, number>();
const testHandlers = {
  ...systemHandlers,
  'test.count': handler({
    access: 'public',
    input: z.object({}).strict(),
    run: (ctx) => {
      const n = (counters.get(ctx.client) ?? 0) + 1;
      counters.set(ctx.client, n);
      return n;
    },
  }),
  'test.touch': handler({
    access: 'public',
    input: z.object({}).strict(),
    run: (ctx) => {
      ctx.emit({ type: 'catalog.changed' });
      return null;
    },
  }),
} satisfies HandlerMap;

describe('browser-mode server', () => {
  let env: ReturnType<typeof tempBackend>;
  let site: ReturnType<typeof tempDir>;
  let server: RunningServer;
  let staticDir: string;

  const host = () => `127.0.0.1:${server.port}`;
  const api = (method: string, body: string | Buffer = '{}', headers: Record<string, string> = {}) =>
    send(server.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: {
        Host: host(),
        Authorization: `Bearer ${server.token}`,
        'X-Posy-Client': 'tab-1',
        'Content-Type': 'application/json',
        ...headers,
      },
      body,
    });

  beforeEach(async () => {
    env = tempBackend({ handlers: testHandlers });
    site = tempDir();
    staticDir = join(site.dir, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Posy</title>');
    writeFileSync(join(staticDir, 'assets', 'app-abc.js'), 'console.log(1)');
    writeFileSync(join(site.dir, 'secret.txt'), 'not for the web');
    server = await startServer({ backend: env.backend, port: 0, staticDir });
  });

  afterEach(async () => {
    await server.close();
    env.dispose();
    site.dispose();
  });

  it('listens on 127.0.0.1 with a long random token and prints a URL carrying it in the fragment', () => {
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
  });

  it('answers a good call with the ApiResult', async () => {
    const res = await api('system.status');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { setupDone: false, session: null } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await api('system.status', '{}', { Authorization: '' })).status).toBe(401);
    expect((await api('system.status', '{}', { Authorization: `Bearer ${server.token}x` })).status).toBe(401);
    expect((await api('system.status', '{}', { Authorization: server.token })).status).toBe(401);
  });

  it('refuses a foreign Host (DNS rebinding) on API and static requests', async () => {
    expect((await api('system.status', '{}', { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await api('system.status', '{}', { Host: `127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await send(server.port, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(403);
    expect((await api('system.status', '{}', { Host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect((await api('system.status', '{}', { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('system.status', '{}', { Origin: 'null' })).status).toBe(403);
    expect((await api('system.status', '{}', { Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a missing or malformed client id', async () => {
    expect((await api('system.status', '{}', { 'X-Posy-Client': '' })).status).toBe(400);
    expect((await api('system.status', '{}', { 'X-Posy-Client': 'a b' })).status).toBe(400);
    expect((await api('system.status', '{}', { 'X-Posy-Client': 'x'.repeat(65) })).status).toBe(400);
  });

  it('answers too_large for a body over the limit (32 MB) and invalid_input for broken JSON', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const tooLarge = JSON.parse((await api('system.status', big)).body);
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'too_large', messageKey: 'errors:api.tooLarge' } });
    const broken = JSON.parse((await api('system.status', '{"a":')).body);
    expect(broken).toEqual({ ok: false, error: { code: 'invalid_input', messageKey: 'errors:validation.invalid' } });
  });

  it('passes validation and unknown-method errors through as ApiResults', async () => {
    expect(JSON.parse((await api('system.status', '{"x":1}')).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse((await api('nope.nothing')).body)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('keeps one client state per client id', async () => {
    expect(JSON.parse((await api('test.count')).body).value).toBe(1);
    expect(JSON.parse((await api('test.count')).body).value).toBe(2);
    expect(JSON.parse((await api('test.count', '{}', { 'X-Posy-Client': 'tab-2' })).body).value).toBe(1);
    expect(JSON.parse((await api('test.count')).body).value).toBe(3);
  });

  it('only POSTs to the API and only GETs static files', async () => {
    const get = await send(server.port, { path: '/api/system.status', headers: { Host: host(), Authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
    expect((await send(server.port, { method: 'POST', path: '/', headers: { Host: host() } })).status).toBe(405);
  });

  it('serves the renderer with the CSP and no-store on index.html', async () => {
    const index = await send(server.port, { path: '/', headers: { Host: host() } });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['content-security-policy']).toBe(CSP);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    const js = await send(server.port, { path: '/assets/app-abc.js', headers: { Host: host() } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
    expect((await send(server.port, { path: '/missing.js', headers: { Host: host() } })).status).toBe(404);
    expect((await send(server.port, { path: '/assets', headers: { Host: host() } })).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt', '/%00']) {
      const res = await send(server.port, { path, headers: { Host: host() } });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('not for the web');
    }
  });

  function openEvents(query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: unknown[] }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?${query}`, { headers });
      const messages: unknown[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(String(data))));
      ws.on('open', () => resolve({ ws, messages }));
      ws.on('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.on('error', reject);
    });
  }

  it('pushes backend events over the WebSocket', async () => {
    const { ws, messages } = await openEvents(`token=${server.token}&client=tab-1`);
    await api('test.touch');
    await expect.poll(() => messages).toEqual([{ type: 'catalog.changed' }]);
    ws.close();
  });

  it('refuses the WebSocket without the token, with a foreign Origin or a foreign Host', async () => {
    await expect(openEvents('client=tab-1')).rejects.toThrow('refused 401');
    await expect(openEvents(`token=wrong&client=tab-1`)).rejects.toThrow('refused 401');
    await expect(openEvents(`token=${server.token}&client=tab-1`, { Origin: 'http://evil.example' })).rejects.toThrow('refused 403');
    await expect(openEvents(`token=${server.token}&client=tab-1`, { Host: 'evil.example' })).rejects.toThrow('refused 403');
    await expect(openEvents(`token=${server.token}`)).rejects.toThrow('refused 400');
  });
});

describe('browser-mode server when the backend failed to boot', () => {
  it('still serves, and every call answers startup_failed with the translatable reason', async () => {
    const site = tempDir();
    const server = await startServer({
      startError: new DatabaseStartError('errors:startup.dbTooNew', 'database version 9, this Posy knows up to 1'),
      port: 0,
      staticDir: site.dir,
    });
    try {
      const res = await send(server.port, {
        method: 'POST',
        path: '/api/system.status',
        headers: { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}`, 'X-Posy-Client': 'a' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: {
          code: 'startup_failed',
          messageKey: 'errors:startup.dbTooNew',
          params: { detail: 'database version 9, this Posy knows up to 1' },
        },
      });
    } finally {
      await server.close();
      site.dispose();
    }
  });
});

describe('browser-mode server with the whole API', () => {
  it('keeps sign-in per client id: two tabs, two sessions', async () => {
    const env = tempBackend();
    const site = tempDir();
    const server = await startServer({ backend: env.backend, port: 0, staticDir: site.dir });
    const call = async (client: string, method: string, input: unknown) => {
      const res = await send(server.port, {
        method: 'POST',
        path: `/api/${method}`,
        headers: { Host: `localhost:${server.port}`, Authorization: `Bearer ${server.token}`, 'X-Posy-Client': client },
        body: JSON.stringify(input),
      });
      return JSON.parse(res.body) as { ok: boolean; value?: unknown; error?: unknown };
    };
    try {
      expect((await call('tab-a', 'shops.setup', { mode: 'demo', language: 'en' })).ok).toBe(true);
      const picker = (await call('tab-a', 'users.picker', {})).value as { id: string; role: string }[];
      const cashier = DEMO_USERS.find((u) => u.role === 'cashier');
      const cashierId = picker.find((u) => u.role === 'cashier')?.id;
      expect(cashier?.pin && cashierId).toBeTruthy();
      expect((await call('tab-a', 'users.signIn', { userId: cashierId, secret: cashier?.pin })).ok).toBe(true);

      expect((await call('tab-a', 'system.status', {})).value).toMatchObject({ session: { role: 'cashier' } });
      expect((await call('tab-b', 'system.status', {})).value).toMatchObject({ session: null });
      expect((await call('tab-b', 'catalog.search', { query: 'rose' })).error).toMatchObject({ code: 'not_signed_in' });
    } finally {
      await server.close();
      env.dispose();
      site.dispose();
    }
  });
});
