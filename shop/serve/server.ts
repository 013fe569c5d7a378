import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../backend';
import type { ClientState } from '../api/define';
import type { ApiResult } from '../api/errors';
import { startupFailure } from '../system/startupFailure';
import { CSP } from './csp';

export { CSP };

/** A data-collection terminal's file (up to 20 MB, base64 in JSON) is the largest thing a call carries. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Past this we stop draining an oversized body and drop the connection. */
const MAX_DRAIN_BYTES = 2 * MAX_BODY_BYTES;
const MAX_CLIENTS = 256;
const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface ServerOptions {
  /** The booted backend; omit and pass `startError` when it failed to boot. */
  backend?: Backend;
  /** Why the backend did not boot: every API call answers `startup_failed` with it, so the window can say so. */
  startError?: unknown;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
  onError?: (error: unknown, where: string) => void;
}

export interface RunningServer {
  readonly port: number;
  readonly token: string;
  /** What a person opens: the token travels in the fragment, which browsers never send to a server or a Referer. */
  readonly url: string;
  close(): Promise<void>;
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time: both sides are hashed to equal length first, so the comparison leaks neither content nor length. */
function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(digest(given), digest(token));
}

/**
 * Browser mode: the same backend the Electron window uses, bound to 127.0.0.1 only.
 * Three locks, because any web page the cashier visits can make the browser talk to localhost:
 * the Host check stops DNS rebinding, the Origin check stops cross-site calls, and the per-launch
 * token (which only the printed URL carries) stops everything else on the machine that is not us.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const staticRoot = resolve(opts.staticDir);
  const clients = new Map<string, ClientState>();
  const failure: ApiResult<never> | null = opts.backend ? null : startupFailure(opts.startError);
  let port = opts.port;

  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  /** Host must name us (DNS rebinding); Origin, when a browser sends one, must be us (cross-site). */
  function trusted(req: IncomingMessage): boolean {
    const host = req.headers.host?.toLowerCase();
    if (!host || !allowedHosts().includes(host)) return false;
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin.toLowerCase())) return false;
    return true;
  }

  function clientFor(id: string): ClientState {
    let client = clients.get(id);
    if (client) {
      clients.delete(id); // re-insert: the map's order is least recently used first
    } else {
      client = { id, userId: null };
      if (clients.size >= MAX_CLIENTS) {
        const oldest = clients.keys().next().value;
        if (oldest !== undefined) clients.delete(oldest);
      }
    }
    clients.set(id, client);
    return client;
  }

  function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
    res.end(body);
  }

  function sendResult(res: ServerResponse, result: ApiResult<unknown>) {
    send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
  }

  function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
    return new Promise((resolveBody, reject) => {
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > MAX_DRAIN_BYTES) {
        resolveBody('too_large');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_DRAIN_BYTES) {
          // Stop reading a flood, and settle the call so nothing waits on it forever.
          req.destroy();
          resolveBody('too_large');
          return;
        }
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => resolveBody(size > MAX_BODY_BYTES ? 'too_large' : Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', undefined, { Allow: 'POST' });
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
    if (!tokenMatches(given, token)) return send(res, 401, 'Unauthorized');
    const clientId = req.headers['x-posy-client'];
    if (typeof clientId !== 'string' || !CLIENT_ID.test(clientId)) {
      return send(res, 400, 'X-Posy-Client header missing or invalid');
    }
    const body = await readBody(req);
    if (body === 'too_large') {
      return sendResult(res, {
        ok: false,
        error: { code: 'too_large', messageKey: 'errors:api.tooLarge', params: { max: MAX_BODY_BYTES } },
      });
    }
    let input: unknown = undefined;
    if (body.length > 0) {
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendResult(res, { ok: false, error: { code: 'invalid_input', messageKey: 'errors:validation.invalid' } });
      }
    }
    if (failure || !opts.backend) return sendResult(res, failure ?? startupFailure(undefined));
    const result = await opts.backend.call(clientFor(clientId), method, input);
    sendResult(res, result);
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', undefined, { Allow: 'GET, HEAD' });
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(res, 400, 'Bad Request');
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return send(res, 400, 'Bad Request');
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = resolve(staticRoot, relative);
    // Anything that resolves outside the renderer folder (../, absolute paths) is not ours to serve.
    if (!file.startsWith(staticRoot + sep)) return send(res, 404, 'Not Found');
    let info;
    try {
      info = await stat(file);
    } catch {
      // Browsers ask for a tab icon on their own; "none" is an answer, not an error for the console.
      if (relative === 'favicon.ico') return send(res, 204, '');
      return send(res, 404, relative === 'index.html' ? 'The window is not built yet: run `npm run build`.' : 'Not Found');
    }
    if (!info.isFile()) return send(res, 404, 'Not Found');
    const isIndex = file === resolve(staticRoot, 'index.html');
    // Vite fingerprints everything under assets/, so those never change; index.html always must be fresh.
    const cache = isIndex ? 'no-store' : relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      'Cache-Control': cache,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  const server = createServer((req, res) => {
    void (async () => {
      if (!trusted(req)) return send(res, 403, 'Forbidden');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
      if (url.pathname === '/events') return send(res, 426, 'Upgrade Required');
      return handleStatic(req, res, url.pathname);
    })().catch((error: unknown) => {
      opts.onError?.(error, `${req.method} ${req.url}`);
      if (!res.headersSent) send(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();

  function refuseUpgrade(socket: Duplex, status: string) {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!trusted(req)) return refuseUpgrade(socket, '403 Forbidden');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/events') return refuseUpgrade(socket, '404 Not Found');
    if (!tokenMatches(url.searchParams.get('token'), token)) return refuseUpgrade(socket, '401 Unauthorized');
    const clientId = url.searchParams.get('client');
    if (!clientId || !CLIENT_ID.test(clientId)) return refuseUpgrade(socket, '400 Bad Request');
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('error', () => sockets.delete(ws));
      // The channel is one-way: windows call through POST /api, so anything they send here is ignored.
    });
  });

  const stopEvents = opts.backend?.onEvent((event) => {
    const data = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(data);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close() {
      stopEvents?.();
      for (const ws of sockets) ws.terminate();
      wss.close();
      return new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      });
    },
  };
}
