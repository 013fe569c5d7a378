import { statSync } from 'node:fs';
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
  /** 'due' (the default) checks every page after an unclean shutdown or a day after the last full check. */
  check?: 'due' | 'always';
  now?: () => Date;
}

/** How the start-up check went: the figure the bench reports and the log records. */
export interface StartCheck {
  full: boolean;
  reason: 'new' | 'unclean-shutdown' | 'due' | 'forced' | 'recent';
}

const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;
const LAST_FULL_CHECK_KEY = 'db.last_full_check';

/**
 * Opens the shop's database the one way Posy ever does: checked before anything is written,
 * refused if a newer Posy wrote it, then WAL with synchronous=FULL so a committed sale
 * survives a power cut, and migrated to this version.
 */
export function openDatabase(opts: OpenOptions): Database.Database {
  return openDatabaseChecked(opts).db;
}

export function openDatabaseChecked(opts: OpenOptions): { db: Database.Database; check: StartCheck } {
  const migrations = opts.migrations ?? MIGRATIONS;
  let db: Database.Database;
  try {
    db = new Database(opts.file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    throw new DatabaseStartError('errors:startup.dbUnreadable', String(e));
  }
  try {
    db.pragma('busy_timeout = 5000');
    // The whole catalogue of a large shop (tens of MB) stays in memory: scans and searches never wait on the disk.
    // No mmap: a disk read error on a mapped page kills the process (SIGBUS) instead of failing one call.
    db.pragma('cache_size = -65536');
    const now = opts.now?.() ?? new Date();
    let check: StartCheck;
    try {
      check = checkDue(db, opts.file, opts.check ?? 'due', now);
      const problems = check.full ? storageProblems(db) : [];
      if (problems.length > 0) throw new DatabaseStartError('errors:startup.dbCorrupt', problems.slice(0, 5).join('; '));
    } catch (e) {
      if (e instanceof DatabaseStartError) throw e;
      throw new DatabaseStartError('errors:startup.dbCorrupt', String(e));
    }

    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = latestVersion(migrations);
    if (version > latest) {
      throw new DatabaseStartError('errors:startup.dbTooNew', `database version ${version}, this Posy knows up to ${latest}`);
    }

    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
    if (check.full) {
      db.prepare(`INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
        LAST_FULL_CHECK_KEY,
        now.toISOString(),
      );
    }
    return { db, check };
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Reading every page of a large shop's file costs more than the whole rest of the start (about 400 ms for
 * 20,000 products here), so it is done when it can find something: after a crash or power cut (SQLite
 * removes the -wal file on a clean close, so one with content means the last session did not end), and
 * otherwise once a day. Damage between checks still cannot pass silently: SQLite reports a damaged page
 * the moment a call reads it, and that call fails without writing.
 */
function checkDue(db: Database.Database, file: string, mode: 'due' | 'always', now: Date): StartCheck {
  if (mode === 'always') return { full: true, reason: 'forced' };
  let walBytes = 0;
  try {
    walBytes = statSync(`${file}-wal`).size;
  } catch {
    // no -wal file: the last session closed cleanly, or there never was one
  }
  if (walBytes > 0) return { full: true, reason: 'unclean-shutdown' };
  const hasSettings = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'app_settings'`).get();
  if (!hasSettings) return { full: true, reason: 'new' };
  const last = db.prepare(`SELECT value FROM app_settings WHERE key = ?`).pluck().get(LAST_FULL_CHECK_KEY) as string | undefined;
  const lastAt = last ? Date.parse(last) : NaN;
  if (Number.isNaN(lastAt) || now.getTime() - lastAt >= FULL_CHECK_EVERY_MS || lastAt > now.getTime()) {
    return { full: true, reason: 'due' };
  }
  return { full: false, reason: 'recent' };
}

/**
 * quick_check of every ordinary table with its indexes (FTS5's shadow tables included): it reads every
 * page of them and writes nothing, so a damaged file stays exactly as we found it. Checking the whole
 * file at once would add FTS5's own index-against-content comparison, three quarters of the start-up
 * time on a large catalogue, for an index that can be rebuilt from `products` at any time.
 */
function storageProblems(db: Database.Database): string[] {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`)
    .pluck()
    .all() as string[];
  const problems: string[] = [];
  for (const table of tables) {
    const rows = db.pragma(`quick_check("${table.replaceAll('"', '""')}")`, { simple: false }) as { quick_check: string }[];
    for (const row of rows) if (row.quick_check !== 'ok') problems.push(row.quick_check);
  }
  return problems;
}
