import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { AppError, type ApiResult } from './errors';
import type { AuditEntry, BackendEvent, CallContext, ClientState, HandlerMap, Session } from './define';
import { loadSession } from '../users/session';
import { currentShopId } from '../shops/current';

export interface DispatchDeps {
  db: Database;
  handlers: HandlerMap;
  emit(event: BackendEvent): void;
  now?: () => Date;
  log?: (error: unknown, method: string) => void;
}

/** Thrown inside a handler to report a refusal while still committing what it wrote (a failed sign-in's audit entry). */
export class RefusalAfterWrites extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** Turns a zod failure into one translated, field-addressed error (the first issue is the one a person can act on). */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  if (!issue) return new AppError('invalid_input', 'errors:validation.invalid');
  const field = issue.path.map(String).join('.') || undefined;
  const key = issue.message.startsWith('errors:') ? issue.message : `errors:validation.${issue.code}`;
  const params: Record<string, string | number> = {};
  if ('maximum' in issue && typeof issue.maximum === 'number') params.max = issue.maximum;
  if ('minimum' in issue && typeof issue.minimum === 'number') params.min = issue.minimum;
  return new AppError('invalid_input', key, field === undefined ? { params } : { field, params });
}

/**
 * The one place every call goes through, whichever window it came from:
 * method lookup, input validation, the permission check, the transaction, the audit and the events.
 */
export function createDispatcher(deps: DispatchDeps) {
  const { db, handlers } = deps;
  const now = deps.now ?? (() => new Date());
  const insertAudit = db.prepare(
    `INSERT INTO audit_log (id, shop_id, at, user_id, action, entity, entity_id, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  function check(method: string, session: Session | null) {
    const def = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!def) throw new AppError('unknown_method', 'errors:api.unknownMethod', { params: { method } });
    if (def.access === 'public') return def;
    if (!session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
    if (def.access !== 'signedIn' && !session.permissions.has(def.access)) {
      throw new AppError('forbidden', 'errors:api.forbidden', { params: { permission: def.access } });
    }
    return def;
  }

  return async function dispatch(client: ClientState, method: string, rawInput: unknown): Promise<ApiResult<unknown>> {
    const pending: BackendEvent[] = [];
    try {
      const session = client.userId ? loadSession(db, client.userId) : null;
      if (client.userId && !session) client.userId = null; // user archived or deleted meanwhile
      const def = check(method, session);
      const parsed = def.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw validationError(parsed.error);

      const ctx: CallContext = {
        db,
        client,
        session,
        get shopId() {
          return session?.shopId ?? currentShopId(db);
        },
        now,
        newId: () => uuidv7(),
        audit(entry: AuditEntry) {
          insertAudit.run(
            uuidv7(),
            ctx.shopId,
            now().toISOString(),
            entry.actorId ?? session?.userId ?? null,
            entry.action,
            entry.entity ?? null,
            entry.entityId ?? null,
            entry.details ? JSON.stringify(entry.details) : null,
          );
        },
        emit: (event) => pending.push(event),
      };

      let value: unknown;
      if (def.transaction === false) {
        value = await def.run(ctx, parsed.data);
      } else {
        let refusal: AppError | null = null;
        value = db.transaction(() => {
          try {
            return def.run(ctx, parsed.data);
          } catch (e) {
            if (e instanceof RefusalAfterWrites) {
              refusal = e.error;
              return undefined;
            }
            throw e;
          }
        })();
        if (refusal) {
          // What the refusal wrote is committed, so the windows hear of it (a lockout changes the picker).
          for (const event of pending) deps.emit(event);
          throw refusal;
        }
        if (value instanceof Promise) throw new Error(`${method} returned a promise inside a transaction`);
      }
      for (const event of pending) deps.emit(event);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      deps.log?.(e, method);
      return { ok: false, error: { code: 'internal', messageKey: 'errors:api.internal' } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
