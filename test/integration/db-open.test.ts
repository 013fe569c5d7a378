import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseStartError, openDatabase, openDatabaseChecked } from '../../db/open';
import { latestVersion, MIGRATIONS } from '../../db/migrate';
import { tempDir } from '../helpers/tempBackend';

describe('openDatabase', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp.dispose());

  it('creates a new database in WAL with synchronous=FULL, foreign keys on, at the latest version', () => {
    tmp = tempDir();
    const db = openDatabase({ file: join(tmp.dir, 'posy.db') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
    const recorded = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => m.version));
    db.close();
  });

  it('refuses a database written by a newer Posy and leaves the file byte for byte as it was', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'posy.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE t (x INTEGER)');
    raw.pragma(`user_version = ${latestVersion() + 1}`);
    raw.close();
    const before = readFileSync(file);
    const error = (() => {
      try {
        openDatabase({ file }).close();
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as DatabaseStartError).messageKey).toBe('errors:startup.dbTooNew');
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a damaged database with a clear error and writes nothing', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'posy.db');
    const raw = new Database(file);
    raw.pragma('page_size = 4096');
    raw.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t(x);');
    const insert = raw.prepare('INSERT INTO t VALUES (?)');
    raw.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`row-${i}-${'x'.repeat(50)}`);
    })();
    raw.close();
    // Scribble over pages in the middle of the file, keeping the header intact.
    const bytes = readFileSync(file);
    for (let i = 3 * 4096; i < 6 * 4096; i++) bytes[i] = (i * 7) & 0xff;
    writeFileSync(file, bytes);
    const before = readFileSync(file);
    expect(() => openDatabase({ file })).toThrowError(DatabaseStartError);
    try {
      openDatabase({ file });
    } catch (e) {
      expect((e as DatabaseStartError).messageKey).toBe('errors:startup.dbCorrupt');
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reads every page when the file is new, after an unclean shutdown, and once a day; not on every start', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'posy.db');
    const at = (iso: string) => () => new Date(iso);
    const open = (now: string) => {
      const { db, check } = openDatabaseChecked({ file, now: at(now) });
      return { db, check };
    };

    let { db, check } = open('2026-11-22T08:00:00Z');
    expect(check).toEqual({ full: true, reason: 'new' });
    db.close(); // a clean close removes the -wal file

    ({ db, check } = open('2026-11-22T12:00:00Z'));
    expect(check).toEqual({ full: false, reason: 'recent' });
    db.close();

    ({ db, check } = open('2026-11-23T08:00:01Z'));
    expect(check).toEqual({ full: true, reason: 'due' });
    db.close();

    // A session that never closed (a crash, a power cut) leaves a -wal file with content behind.
    const crashed = new Database(file);
    crashed.prepare(`INSERT INTO app_settings (key, value) VALUES ('x', 'y')`).run();
    ({ db, check } = open('2026-11-23T09:00:00Z'));
    expect(check).toEqual({ full: true, reason: 'unclean-shutdown' });
    db.close();
    crashed.close();

    ({ db, check } = openDatabaseChecked({ file, check: 'always', now: at('2026-11-23T09:00:01Z') }));
    expect(check).toEqual({ full: true, reason: 'forced' });
    db.close();
  });

  it('finds damage in a Posy database after a crash and refuses it without writing', () => {
    tmp = tempDir();
    const file = join(tmp.dir, 'posy.db');
    const { db } = openDatabaseChecked({ file });
    const insert = db.prepare(`INSERT INTO audit_log (id, at, action, details) VALUES (?, ?, 'test', ?)`);
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`id-${i}`, new Date(0).toISOString(), 'x'.repeat(200));
    })();
    db.close();
    // The next session crashes: its connection never closes, so the -wal file keeps content.
    const crashed = new Database(file);
    crashed.prepare(`INSERT INTO app_settings (key, value) VALUES ('x', 'y')`).run();
    const bytes = readFileSync(file);
    const from = Math.floor(bytes.length * 0.4);
    for (let i = from; i < from + 8 * 4096; i++) bytes[i] = (i * 13) & 0xff;
    writeFileSync(file, bytes);
    try {
      expect(() => openDatabaseChecked({ file })).toThrowError(expect.objectContaining({ messageKey: 'errors:startup.dbCorrupt' }));
      expect(readFileSync(file).equals(bytes)).toBe(true);
    } finally {
      crashed.close();
    }
  });
});
