import type { ApiErrorBody } from '../../shop/api/contract';
import { parseMoney } from '../format/money';

/**
 * A typed amount (float, cash in/out) as minor units, or the refusal to show under its field, in the
 * same shape the backend refuses with so one ErrorMessage/Field shows both.
 */
export function readAmount(text: string, currency: string | null, field: string): { ok: true; minor: number } | { ok: false; error: ApiErrorBody } {
  const parsed = parseMoney(text, currency ?? 'USD');
  if (!parsed.ok) return { ok: false, error: { code: 'invalid_input', messageKey: `shift:money.${parsed.error}`, field } };
  return parsed;
}
