/**
 * Every failure that crosses the API is an AppError: a stable `code` for programs,
 * a translation key for people, and optionally the input field it concerns.
 * The renderer translates `messageKey` (`errors:<area>.<key>`, i18next namespace `errors`) with `params`;
 * the backend never sends prose.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'not_signed_in'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked_out'
  | 'bad_credentials'
  | 'unknown_method'
  | 'startup_failed'
  | 'too_large'
  | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  messageKey: string;
  field?: string;
  params?: Record<string, string | number>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly field: string | undefined;
  readonly params: Record<string, string | number> | undefined;

  constructor(code: ErrorCode, messageKey: string, opts: { field?: string; params?: Record<string, string | number> } = {}) {
    super(`${code}: ${messageKey}${opts.field ? ` (${opts.field})` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.field = opts.field;
    this.params = opts.params;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, messageKey: this.messageKey };
    if (this.field !== undefined) body.field = this.field;
    if (this.params !== undefined) body.params = this.params;
    return body;
  }
}

export const notFound = (entity: string, field = 'id') =>
  new AppError('not_found', 'errors:api.notFound', { field, params: { entity } });

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
