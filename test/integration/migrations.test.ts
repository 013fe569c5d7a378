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

describe('0004 flowers', () => {
  it('adds the flowers columns to existing products and sale lines, and keeps posted documents append-only', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
    const now = '2026-01-01T00:00:00.000Z';
    db.prepare(`INSERT INTO shops (id, name, currency, language, created_at) VALUES ('s1', 'Shop', 'GEL', 'en', ?)`).run(now);
    db.prepare(`INSERT INTO users (id, shop_id, name, role, language, pin_hash, created_at, updated_at) VALUES ('u1', 's1', 'U', 'owner', 'en', 'x', ?, ?)`).run(now, now);
    db.prepare(`INSERT INTO products (id, kind, unit, price, created_at, updated_at) VALUES ('p1', 'cut_flower', 'stem', 350, ?, ?)`).run(now, now);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);

    // a product from before: no vase life, minimum or usual supplier yet; sold lines carry no markdown
    expect(db.prepare(`SELECT vase_life_days, min_stock, supplier_id FROM products WHERE id = 'p1'`).get()).toEqual({ vase_life_days: null, min_stock: null, supplier_id: null });
    const saleLineColumns = db.prepare(`SELECT name, dflt_value FROM pragma_table_info('sale_lines') WHERE name IN ('markdown', 'markdown_bp') ORDER BY name`).all();
    expect(saleLineColumns).toEqual([
      { name: 'markdown', dflt_value: '0' },
      { name: 'markdown_bp', dflt_value: null },
    ]);
    expect(() => db.prepare(`UPDATE products SET vase_life_days = 0 WHERE id = 'p1'`).run()).toThrow(/CHECK/);

    // posted documents: an arrival with its lot, a write-off from it, an assembly, a posted count
    db.prepare(`INSERT INTO suppliers (id, shop_id, name, created_at, updated_at) VALUES ('sup', 's1', 'Dutch', ?, ?)`).run(now, now);
    db.prepare(
      `INSERT INTO lots (id, shop_id, product_id, arrived_at, unit_cost, quantity_received, document_type, document_id, created_at)
       VALUES ('l1', 's1', 'p1', ?, 120, 50, 'arrival', 'a1', ?)`,
    ).run(now, now);
    db.prepare(`INSERT INTO arrivals (id, shop_id, number, supplier_id, arrived_at, total_cost, posted_by, posted_at) VALUES ('a1', 's1', 1, 'sup', ?, 6000, 'u1', ?)`).run(now, now);
    db.prepare(`INSERT INTO arrival_lines (id, arrival_id, shop_id, line_no, product_id, quantity, unit_cost, line_cost, lot_id) VALUES ('al1', 'a1', 's1', 1, 'p1', 50, 120, 6000, 'l1')`).run();
    db.prepare(`INSERT INTO writeoffs (id, shop_id, number, at, user_id, reason, total_cost) VALUES ('w1', 's1', 1, ?, 'u1', 'wilted', 240)`).run(now);
    db.prepare(
      `INSERT INTO writeoff_lines (id, writeoff_id, shop_id, lot_id, product_id, quantity, unit_cost, age_days, supplier_id, at, reason)
       VALUES ('wl1', 'w1', 's1', 'l1', 'p1', 2, 120, 3, 'sup', ?, 'wilted')`,
    ).run(now);
    db.prepare(
      `INSERT INTO assemblies (id, shop_id, number, product_id, quantity, at, user_id, components_cost, unit_cost, lot_id) VALUES ('as1', 's1', 1, 'p1', 1, ?, 'u1', 120, 120, 'l1')`,
    ).run(now);
    db.prepare(`INSERT INTO assembly_components (assembly_id, line_no, product_id, recipe_quantity, actual_quantity, cost, recipe_cost) VALUES ('as1', 1, 'p1', 1, 1, 120, 120)`).run();
    db.prepare(`INSERT INTO counts (id, shop_id, number, blind, status, created_at, created_by) VALUES ('c1', 's1', 1, 0, 'open', ?, 'u1')`).run(now);
    db.prepare(`INSERT INTO count_entries (id, count_id, shop_id, product_id, quantity, source, at) VALUES ('ce1', 'c1', 's1', 'p1', 3, 'scan', ?)`).run(now);
    db.prepare(`INSERT INTO count_lines (count_id, product_id, expected, counted, value) VALUES ('c1', 'p1', 48, 45, -360)`).run();
    db.prepare(`UPDATE counts SET status = 'posted', closed_at = ?, closed_by = 'u1' WHERE id = 'c1'`).run(now);

    for (const [table, where, column] of [
      ['arrivals', `id = 'a1'`, 'note'],
      ['arrival_lines', `id = 'al1'`, 'quantity'],
      ['writeoffs', `id = 'w1'`, 'note'],
      ['writeoff_lines', `id = 'wl1'`, 'quantity'],
      ['assemblies', `id = 'as1'`, 'note'],
      ['assembly_components', `assembly_id = 'as1'`, 'actual_quantity'],
      ['count_lines', `count_id = 'c1'`, 'counted'],
      ['count_entries', `id = 'ce1'`, 'quantity'],
      ['counts', `id = 'c1'`, 'note'],
    ] as const) {
      expect(() => db.prepare(`UPDATE ${table} SET ${column} = ${column} WHERE ${where}`).run(), `update ${table}`).toThrow(/never|append-only/);
      expect(() => db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(), `delete ${table}`).toThrow(/never|append-only/);
    }
    // a write-off's reason is one of the known ones; quantities are positive
    expect(() => db.prepare(`INSERT INTO writeoffs (id, shop_id, number, at, user_id, reason, total_cost) VALUES ('w2', 's1', 2, ?, 'u1', 'stolen', 0)`).run(now)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO writeoff_lines (id, writeoff_id, shop_id, lot_id, product_id, quantity, unit_cost, age_days, at, reason) VALUES ('wl2', 'w1', 's1', 'l1', 'p1', 0, 120, 0, ?, 'wilted')`,
        )
        .run(now),
    ).toThrow(/CHECK/);

    // the shrink view reads a period off one covering index; a write-off finds its lot's arrival by index
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan(`SELECT product_id, sum(quantity * unit_cost) FROM writeoff_lines WHERE shop_id = 's1' AND at >= '2026' AND at < '2027' GROUP BY 1`)).toMatch(
      /COVERING INDEX writeoff_lines_shrink/,
    );
    expect(plan(`SELECT arrival_id FROM arrival_lines WHERE lot_id = 'l1'`)).toMatch(/arrival_lines_lot/);
    db.close();
  });
});
