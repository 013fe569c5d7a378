import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';

/** The shop this database belongs to, set at first-run setup; null until then. */
export function currentShopId(db: Database): string | null {
  const row = statement(db, `SELECT value FROM app_settings WHERE key = 'current_shop_id'`).get() as
    | { value: string }
    | undefined;
  return row?.value ?? null;
}
