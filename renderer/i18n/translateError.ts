import type { TFunction } from 'i18next';
import type { ApiErrorBody } from '../../shop/api/contract';
import { ApiError, BadLinkError, ConnectionError } from '../api/client';
import { i18n } from './index';

/** Anything a catch block may hold, reduced to the body shape the backend sends. */
export function errorBody(error: unknown): ApiErrorBody {
  if (error instanceof ApiError) return error.body;
  if (error instanceof BadLinkError) return { code: 'not_signed_in', messageKey: 'common:errors.badLink' };
  if (error instanceof ConnectionError) return { code: 'internal', messageKey: 'common:errors.connection' };
  if (isBody(error)) return error;
  return { code: 'internal', messageKey: 'common:errors.unexpected' };
}

function isBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).messageKey === 'string'
  );
}

// Parameters that carry an identifier rather than prose: shown through their own translation.
const TRANSLATED_PARAMS: Record<string, (value: string) => string> = {
  permission: (v) => `common:permissions.${v}`,
  role: (v) => `common:roles.${v}`,
  entity: (v) => `common:entities.${v}`,
};

/**
 * The one way an error becomes text for a person: the backend's messageKey with its params, identifiers
 * among the params (a permission id, a role) translated too. Unknown keys fall back to a general message
 * instead of showing a raw key.
 */
export function translateError(error: unknown, t: TFunction = i18n.t): string {
  const body = errorBody(error);
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(body.params ?? {})) {
    const keyOf = TRANSLATED_PARAMS[name];
    params[name] = keyOf && typeof value === 'string' && i18n.exists(keyOf(value)) ? t(keyOf(value)) : value;
  }
  if (body.code === 'locked_out' && typeof params.until === 'string') {
    params.minutes = minutesUntil(params.until);
  }
  // A required text left empty is zod's "too small, minimum 1": say it the way a person would.
  if (body.messageKey === 'errors:validation.too_small' && params.min === 1) return t('errors:validation.required');
  if (i18n.exists(body.messageKey)) return t(body.messageKey, params);
  return t(body.code === 'forbidden' ? 'errors:api.forbiddenGeneric' : 'common:errors.unexpected');
}

function minutesUntil(iso: string): number {
  const ms = Date.parse(iso) - Date.now();
  return Number.isFinite(ms) ? Math.max(1, Math.ceil(ms / 60_000)) : 1;
}

/** The field an error concerns, so a form can show it beside that input. */
export function errorField(error: unknown): string | undefined {
  return errorBody(error).field;
}
