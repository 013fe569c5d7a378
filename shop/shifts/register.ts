import type { Database } from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { statement } from '../../db/statements';

const REGISTER_KEY = 'register_id';

/**
 * This PC's till. Shifts are per register, so two PCs sharing one shop database each keep their
 * own drawer. Created on first use and kept in the database file, not in the OS: a copied data
 * folder is the same till, which is what a restored backup should be.
 */
export function registerId(db: Database): string {
  const stored = statement(db, 'SELECT value FROM app_settings WHERE key = ?').pluck().get(REGISTER_KEY) as string | undefined;
  if (stored) return stored;
  const id = uuidv7();
  // INSERT OR IGNORE + re-read: two windows asking at once still agree on one id.
  statement(db, 'INSERT OR IGNORE INTO app_settings (key, value) VALUES (?, ?)').run(REGISTER_KEY, id);
  return statement(db, 'SELECT value FROM app_settings WHERE key = ?').pluck().get(REGISTER_KEY) as string;
}
