import type { ApiErrorBody, ApiResult, BackendEvent, Input, Method, Output } from '../../shop/api/contract';

/** A refusal or failure reported by the backend, carrying its body for translateError. */
export class ApiError extends Error {
  readonly body: ApiErrorBody;
  constructor(body: ApiErrorBody) {
    super(`${body.code}: ${body.messageKey}`);
    this.name = 'ApiError';
    this.body = body;
  }
}

/** Browser mode answered 401: this tab does not hold the launch token (an old or hand-typed address). */
export class BadLinkError extends Error {
  constructor() {
    super('browser-mode token refused');
    this.name = 'BadLinkError';
  }
}

/** The backend could not be reached at all (Posy was closed, or the connection dropped). */
export class ConnectionError extends Error {
  constructor(cause: unknown) {
    super('backend unreachable', { cause });
    this.name = 'ConnectionError';
  }
}

export interface Transport {
  kind: 'electron' | 'browser';
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
}

/** What Electron's preload exposes through contextBridge (see electron/preload). */
interface PosyBridge {
  platform: 'electron';
  api: Record<string, (input: unknown) => Promise<ApiResult<unknown>>>;
  onEvent(cb: (event: BackendEvent) => void): () => void;
}

declare global {
  interface Window {
    posy?: PosyBridge;
  }
}

function electronTransport(bridge: PosyBridge): Transport {
  return {
    kind: 'electron',
    call(method, input) {
      const fn = bridge.api[method];
      if (!fn) {
        return Promise.resolve({
          ok: false,
          error: { code: 'unknown_method', messageKey: 'errors:api.unknownMethod', params: { method } },
        });
      }
      return fn(input);
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

const TOKEN_KEY = 'posy.token';
const CLIENT_KEY = 'posy.client';

/** A random UUID (v4), also where `crypto.randomUUID` is missing (a page that is not a secure context). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Reads the launch token from `#token=…` once, keeps it for this tab, and removes it from the address bar
 * so it does not end up in history, bookmarks or a screenshot.
 */
export function takeBrowserCredentials(loc: Location = location, store: Storage = sessionStorage): { token: string; clientId: string } {
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    store.setItem(TOKEN_KEY, fromHash);
    history.replaceState(history.state, '', loc.pathname + loc.search);
  }
  let clientId = store.getItem(CLIENT_KEY);
  if (!clientId) {
    clientId = randomId();
    store.setItem(CLIENT_KEY, clientId);
  }
  return { token: store.getItem(TOKEN_KEY) ?? '', clientId };
}

/**
 * Every "something changed" event: after a dropped connection each is replayed once, so screens reload what
 * they may have missed. A scan is not replayed: a code read while disconnected is gone, like a keystroke;
 * nor a terminal upload's progress (its end is asked for again).
 */
const REPLAYED: Record<Exclude<BackendEvent['type'], 'scan' | 'terminal.upload'>, true> = {
  'catalog.changed': true,
  'users.changed': true,
  'roles.changed': true,
  'shop.changed': true,
  'sales.changed': true,
  'shift.changed': true,
  'print.changed': true,
  'devices.changed': true,
  'stock.changed': true,
  'suppliers.changed': true,
  'recipes.changed': true,
  'pricing.changed': true,
  'counts.changed': true,
  'occasions.changed': true,
};

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 10_000;

export interface BrowserTransportOptions {
  /** The server's origin, e.g. http://127.0.0.1:5178 (the page's own origin in the app). */
  base: string;
  token: string;
  clientId: string;
}

/** Browser mode: calls as `POST /api/<method>`, events over a WebSocket that reconnects with backoff. */
export function browserTransport({ base, token, clientId }: BrowserTransportOptions): Transport {
  const listeners = new Set<(event: BackendEvent) => void>();
  let socket: WebSocket | null = null;
  let delay = RECONNECT_MIN_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dropped = false;

  function deliver(event: BackendEvent) {
    for (const listener of listeners) listener(event);
  }

  function connect() {
    if (socket || listeners.size === 0 || !token) return;
    const url = new URL('/events', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ token, client: clientId }).toString();
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      delay = RECONNECT_MIN_MS;
      if (dropped) {
        dropped = false;
        for (const type of Object.keys(REPLAYED) as (keyof typeof REPLAYED)[]) deliver({ type });
      }
    };
    ws.onmessage = (message) => {
      let event: BackendEvent;
      try {
        event = JSON.parse(String(message.data)) as BackendEvent;
      } catch {
        return;
      }
      deliver(event);
    };
    ws.onclose = () => {
      socket = null;
      if (listeners.size === 0) return;
      dropped = true;
      // Backoff so a stopped server is not hammered; reconnecting resumes events after a restart.
      timer = setTimeout(() => {
        timer = null;
        connect();
      }, delay);
      delay = Math.min(delay * 2, RECONNECT_MAX_MS);
    };
  }

  return {
    kind: 'browser',
    async call(method, input) {
      let response: Response;
      try {
        response = await fetch(new URL(`/api/${encodeURIComponent(method)}`, base), {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'X-Posy-Client': clientId,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(input ?? {}),
        });
      } catch (e) {
        throw new ConnectionError(e);
      }
      if (response.status === 401) throw new BadLinkError();
      try {
        return (await response.json()) as ApiResult<unknown>;
      } catch (e) {
        throw new ConnectionError(e);
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          if (timer) clearTimeout(timer);
          timer = null;
          socket?.close();
          socket = null;
        }
      };
    },
  };
}

let transport: Transport | null = null;

/** The one transport of this window: Electron's preload bridge when present, otherwise browser-mode HTTP. */
export function getTransport(): Transport {
  transport ??=
    window.posy?.platform === 'electron'
      ? electronTransport(window.posy)
      : browserTransport({ base: location.origin, ...takeBrowserCredentials() });
  return transport;
}

/** For tests: run the client over a given transport. */
export function setTransport(next: Transport | null): void {
  transport = next;
}

type CallListener = (error: unknown) => void;
const failureListeners = new Set<CallListener>();

/** Lets the app react to failures that concern the whole window (bad link, startup failure, lost connection). */
export function onCallFailure(listener: CallListener): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

/** Calls one backend method; resolves with its value or throws ApiError / BadLinkError / ConnectionError. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  let result: ApiResult<unknown>;
  try {
    result = await getTransport().call(method, input);
  } catch (e) {
    for (const listener of failureListeners) listener(e);
    throw e;
  }
  if (result.ok) return result.value as Output<M>;
  const error = new ApiError(result.error);
  for (const listener of failureListeners) listener(error);
  throw error;
}

export function onBackendEvent(listener: (event: BackendEvent) => void): () => void {
  return getTransport().onEvent(listener);
}

export type { ApiErrorBody, BackendEvent, Input, Method, Output };
