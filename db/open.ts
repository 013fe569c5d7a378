import Database from 'better-sqlite3';
import { latestVersion, migrate, MIGRATIONS, type Migration } from './migrate';

/** A start-up failure a person must read; `messageKey` is translated by whichever window shows it. */
export class DatabaseStartError extends Error {
  constructor(
    readonly messageKey: 'errors:startup.dbTooNew' | 'errors:startup.dbCorrupt' | 'errors:startup.dbUnreadable',
    readonly detail: string,
  ) {
    super(`${messageKey}: ${detail}`);
    this.name = 'DatabaseStartError';
  }
}

export interface OpenOptions {
  file: string;
  /** Path to a better_sqlite3.node built for the running runtime (Electron keeps its own build). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

/**
 * Opens the shop's database the one way Posy ever does: checked before anything is written,
 * refused if a newer Posy wrote it, then WAL with synchronous=FULL so a committed sale
 * survives a power cut, and migrated to this version.
 */
export function openDatabase(opts: OpenOptions): Database.Database {
  const migrations = opts.migrations ?? MIGRATIONS;
  let db: Database.Database;
  try {
    db = new Database(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    throw new DatabaseStartError('errors:startup.dbUnreadable', String(e));
  }
  try {
    db.pragma('busy_timeout = 5000');
    // quick_check reads every page but writes nothing: a damaged file stays exactly as we found it.
    let problems: string[];
    try {
      problems = (db.pragma('quick_check', { simple: false }) as { quick_check: string }[])
        .map((row) => row.quick_check)
        .filter((line) => line !== 'ok');
    } catch (e) {
      throw new DatabaseStartError('errors:startup.dbCorrupt', String(e));
    }
    if (problems.length > 0) throw new DatabaseStartError('errors:startup.dbCorrupt', problems.slice(0, 5).join('; '));

    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new DatabaseStartError('errors:startup.dbTooNew', `database version ${version}, this Posy knows up to ${latest}`);
    }

    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // The whole catalogue of a large shop (tens of MB) stays in memory: scans and searches never wait on the disk.
    db.pragma('cache_size = -65536');
    db.pragma('mmap_size = 268435456');
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
