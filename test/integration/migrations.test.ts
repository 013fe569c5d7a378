import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, MIGRATIONS, type Migration } from '../../db/migrate';
import { tempDir } from '../helpers/tempBackend';

const migrationsDir = join(import.meta.dirname, '../../db/migrations');

describe('migration list (guard)', () => {
  it('lists every migration file, numbered 1..n without gaps, names matching the files', () => {
    const files = readdirSync(migrationsDir).filter((f) => /^\d{4}_.+\.ts$/.test(f)).sort();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
    expect(files.map((f) => f.replace(/\.ts$/, ''))).toEqual(
      MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
    );
  });

  it('creates only STRICT tables (virtual tables aside)', () => {
    const db = new Database(':memory:');
    migrate(db);
    const tables = db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'product_search_%'`)
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(5);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT\b/);
    db.close();
  });
});

describe('migrate', () => {
  let tmp: ReturnType<typeof tempDir>;
  afterEach(() => tmp.dispose());

  it('is idempotent: a second run applies nothing', () => {
    tmp = tempDir();
    const db = new Database(join(tmp.dir, 'a.db'));
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    tmp = tempDir();
    const db = new Database(join(tmp.dir, 'b.db'));
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE half_done (x INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).pluck().get()).toBe(0);
    db.close();
  });
});

// One test per migration: what it must leave behind on a database at the previous version.
describe('0001 foundation', () => {
  it('keeps the audit log append-only and the search index in step with products', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 1));
    db.prepare(`INSERT INTO audit_log (id, at, action) VALUES ('a', '2026-01-01', 'x')`).run();
    expect(() => db.prepare(`UPDATE audit_log SET action = 'y'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM audit_log`).run()).toThrow(/append-only/);

    const now = '2026-01-01T00:00:00Z';
    db.prepare(
      `INSERT INTO products (id, kind, unit, price, created_at, updated_at, search_text) VALUES ('p1', 'cut_flower', 'stem', 350, ?, ?, 'роза красная წითელი ვარდი red rose')`,
    ).run(now, now);
    const find = (q: string) => db.prepare(`SELECT count(*) FROM product_search WHERE product_search MATCH ?`).pluck().get(q);
    expect(find('"წითე"')).toBe(1);
    expect(find('"расн"')).toBe(1);
    db.prepare(`UPDATE products SET search_text = 'white tulip' WHERE id = 'p1'`).run();
    expect(find('"расн"')).toBe(0);
    expect(find('"tuli"')).toBe(1);
    expect(() => db.prepare(`INSERT INTO products (id, kind, unit, price, created_at, updated_at) VALUES ('p2', 'cut_flower', 'stem', 1.5, ?, ?)`).run(now, now)).toThrow();
    db.close();
  });
});

describe('0002 stock', () => {
  it('keeps movements append-only, matched to their lot, and each lot balance equal to its movements', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 2));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO shops (id, name, currency, language, created_at) VALUES ('s1', 'Shop', 'GEL', 'en', ?)`).run(now);
    db.prepare(`INSERT INTO products (id, kind, unit, price, created_at, updated_at) VALUES ('p1', 'cut_flower', 'stem', 350, ?, ?)`).run(now, now);
    db.prepare(
      `INSERT INTO lots (id, shop_id, product_id, arrived_at, unit_cost, quantity_received, document_type, document_id, created_at)
       VALUES ('l1', 's1', 'p1', ?, 120, 50, 'opening', 'd1', ?)`,
    ).run(now, now);
    const balance = () => db.prepare(`SELECT quantity FROM lot_balances WHERE lot_id = 'l1'`).pluck().get();
    expect(balance()).toBe(0);

    const move = db.prepare(
      `INSERT INTO stock_movements (id, shop_id, lot_id, product_id, quantity, unit_cost, document_type, document_id, at)
       VALUES (?, 's1', 'l1', 'p1', ?, ?, 'opening', 'd1', '${now}')`,
    );
    move.run('m1', 50, 120);
    move.run('m2', -7, 120);
    expect(balance()).toBe(43);
    // not at the lot's cost, or zero: refused, and the balance does not move
    expect(() => move.run('m3', -1, 99)).toThrow(/does not match its lot/);
    expect(() => move.run('m4', 0, 120)).toThrow();
    expect(balance()).toBe(43);

    expect(() => db.prepare(`UPDATE stock_movements SET quantity = 1`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM stock_movements`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`DELETE FROM lots`).run()).toThrow(/never deleted/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO lots (id, shop_id, product_id, arrived_at, unit_cost, quantity_received, document_type, document_id, created_at)
           VALUES ('l2', 's1', 'p1', ?, -1, 5, 'opening', 'd1', ?)`,
        )
        .run(now, now),
    ).toThrow();
    // the FIFO walk reads the partial index, not the table
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT lot_id FROM lot_balances WHERE product_id = 'p1' AND quantity > 0 ORDER BY arrived_at, lot_id`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/lot_balances_fifo/);
    db.close();
  });
});
