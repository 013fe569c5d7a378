import type { Database } from 'better-sqlite3';

/** The shop this database belongs to, set at first-run setup; null until then. */
export function currentShopId(db: Database): string | null {
  const row = db.prepare(`SELECT value FROM app_settings WHERE key = 'current_shop_id'`).get() as
    | { value: string }
    | undefined;
  return row?.value ?? null;
}
