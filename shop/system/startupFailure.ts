import { DatabaseStartError } from '../../db/open';
import type { ApiResult } from '../api/errors';

/**
 * What every API call answers when the backend could not boot (damaged or too-new database):
 * the window stays usable enough to show the person a translated reason instead of a blank screen.
 */
export function startupFailure(error: unknown): ApiResult<never> {
  if (error instanceof DatabaseStartError) {
    return { ok: false, error: { code: 'startup_failed', messageKey: error.messageKey, params: { detail: error.detail } } };
  }
  return {
    ok: false,
    error: { code: 'startup_failed', messageKey: 'errors:startup.dbUnreadable', params: { detail: String(error) } },
  };
}
