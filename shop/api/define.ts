import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Permission, Role } from '../users/permissions';

/** Who may call a handler: a named permission, anyone signed in, or anyone holding the launch token. */
export type Access = Permission | 'signedIn' | 'public';

export interface Session {
  userId: string;
  shopId: string;
  role: Role;
  name: string;
  language: string;
  permissions: ReadonlySet<Permission>;
}

/** One window onto the backend (an Electron window or a browser tab). Sign-in is per client. */
export interface ClientState {
  readonly id: string;
  userId: string | null;
}

export interface AuditEntry {
  action: string;
  /** Who acted, when it is not the caller's session: a sign-in is done by the user signing in. */
  actorId?: string;
  entity?: string;
  entityId?: string;
  details?: Record<string, unknown>;
}

export interface CallContext {
  readonly db: Database;
  readonly client: ClientState;
  /** The signed-in user, or null for public handlers called before sign-in. */
  readonly session: Session | null;
  /** The shop this database serves (null only before first-run setup). */
  readonly shopId: string | null;
  now(): Date;
  newId(): string;
  audit(entry: AuditEntry): void;
  emit(event: BackendEvent): void;
}

/** Pushed to every window (IPC or WebSocket) after the transaction that caused it commits. */
export type BackendEvent =
  | { type: 'catalog.changed' }
  | { type: 'users.changed' }
  | { type: 'roles.changed' }
  | { type: 'shop.changed' }
  /** a sale or return was posted, or a draft parked/resumed */
  | { type: 'sales.changed'; saleId?: string }
  | { type: 'shift.changed'; shiftId?: string }
  /** a print job changed status (queued, printing, done, failed) */
  | { type: 'print.changed'; jobId?: string; status?: string }
  /** printers or scanners were set up, plugged or unplugged */
  | { type: 'devices.changed' }
  /** a code read by a serial or HID scanner (keyboard-wedge scanners arrive as keystrokes instead) */
  | { type: 'scan'; code: string; scannerId: string }
  /** stock moved outside a sale (arrival, write-off, assembly, count) or a product's freshness/minimum changed */
  | { type: 'stock.changed' }
  | { type: 'suppliers.changed' }
  | { type: 'recipes.changed' }
  /** pricing rules, kind markups or markdown rules changed */
  | { type: 'pricing.changed' }
  | { type: 'counts.changed'; countId?: string }
  /** the occasions calendar changed */
  | { type: 'occasions.changed' }
  /** a data-collection terminal's serial upload made progress (lines so far) or finished */
  | { type: 'terminal.upload'; uploadId: string; lines: number; done: boolean };

export interface HandlerDef<S extends z.ZodType = z.ZodType, O = unknown> {
  access: Access;
  input: S;
  /**
   * Synchronous handlers run inside one SQLite transaction: all of their writes commit
   * together or none do. Asynchronous work (printing, imports) opts out and manages its own.
   */
  transaction?: boolean;
  run(ctx: CallContext, input: z.output<S>): O;
}

/** Identity function that keeps the schema's and the result's types for the handler map. */
export function handler<S extends z.ZodType, O>(def: HandlerDef<S, O>): HandlerDef<S, O> {
  return def;
}

export type HandlerMap = Record<string, HandlerDef<z.ZodType, unknown>>;
