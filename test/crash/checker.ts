import Database from 'better-sqlite3';

/**
 * What a killed backend must leave behind, read straight from the SQLite file: every sale whole or
 * absent, stock balances equal to the ledger, payments equal to totals, and a sound file. It reads
 * through its own read-only connection, never through the backend, so a bug in the backend's
 * reading cannot hide a bug in its writing.
 */
export interface CheckReport {
  problems: string[];
  counts: { sales: number; lines: number; payments: number; movements: number; lots: number; reportedMissing: number };
}

interface SaleRow {
  id: string;
  kind: 'sale' | 'return';
  number: number;
  subtotal: number;
  discount_total: number;
  rounding: number;
  total: number;
  cost_of_goods: number;
}

interface LineRow {
  id: string;
  sale_id: string;
  line_no: number;
  product_id: string;
  product_kind: string | null;
  quantity: number;
  list_price: number;
  unit_price: number;
  discount: number;
  total: number;
  cost_of_goods: number;
  components: string | null;
}

interface PaymentRow {
  sale_id: string;
  method: 'cash' | 'card';
  amount: number;
  tendered: number | null;
  change: number;
}

interface MovementRow {
  document_id: string;
  product_id: string;
  quantity: number;
  unit_cost: number;
}

/** How many problems of one kind are listed before the rest are only counted: a broken run still reads. */
const LIST_AT_MOST = 20;

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const sum = <T>(rows: readonly T[], value: (row: T) => number) => rows.reduce((s, r) => s + value(r), 0);

/** A bouquet line's components as stored: JSON [{productId, quantity}] per bouquet. */
function componentsOf(line: LineRow): { productId: string; quantity: number }[] | null {
  if (line.components === null) return null;
  const parsed = JSON.parse(line.components) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`line ${line.id}: components is not a list`);
  return parsed.map((c: { productId?: unknown; quantity?: unknown }) => {
    if (typeof c.productId !== 'string' || typeof c.quantity !== 'number') throw new Error(`line ${line.id}: bad component ${JSON.stringify(c)}`);
    return { productId: c.productId, quantity: c.quantity };
  });
}

/**
 * Stock each line takes out, per product. A bouquet line takes its components (each component's
 * quantity per bouquet × bouquets), never the bouquet product itself; a service takes nothing.
 */
function expectedStock(lines: LineRow[], kindOf: (productId: string) => string | null): Map<string, number> {
  const out = new Map<string, number>();
  const add = (productId: string, quantity: number) => out.set(productId, (out.get(productId) ?? 0) + quantity);
  for (const line of lines) {
    const components = componentsOf(line);
    if (components) for (const c of components) add(c.productId, c.quantity * line.quantity);
    else if (kindOf(line.product_id) !== 'service') add(line.product_id, line.quantity);
  }
  return out;
}

export function checkDatabaseFile(file: string, reportedSaleIds: Iterable<string> = []): CheckReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return checkDatabase(db, reportedSaleIds);
  } finally {
    db.close();
  }
}

export function checkDatabase(db: Database.Database, reportedSaleIds: Iterable<string> = []): CheckReport {
  const problems: string[] = [];
  const counts = { sales: 0, lines: 0, payments: 0, movements: 0, lots: 0, reportedMissing: 0 };
  try {
    checkInto(db, reportedSaleIds, problems, counts);
  } catch (e) {
    // A damaged page can fail the reading itself; that is a finding too, not a crash of the checker.
    problems.push(`unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { problems, counts };
}

function checkInto(db: Database.Database, reportedSaleIds: Iterable<string>, problems: string[], counts: CheckReport['counts']): void {
  const byKind = new Map<string, number>();
  const problem = (kind: string, text: string) => {
    const n = (byKind.get(kind) ?? 0) + 1;
    byKind.set(kind, n);
    if (n <= LIST_AT_MOST) problems.push(`${kind}: ${text}`);
  };

  const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
  for (const row of integrity) if (row.integrity_check !== 'ok') problem('integrity_check', row.integrity_check);
  const foreignKeys = db.pragma('foreign_key_check', { simple: false }) as { table: string; rowid: number; parent: string }[];
  for (const fk of foreignKeys) problem('foreign_key_check', `${fk.table} row ${fk.rowid} points at a missing ${fk.parent}`);

  const sales = db.prepare(`SELECT id, kind, number, subtotal, discount_total, rounding, total, cost_of_goods FROM sales`).all() as SaleRow[];
  const lines = db
    .prepare(
      `SELECT l.id, l.sale_id, l.line_no, l.product_id, p.kind AS product_kind, l.quantity, l.list_price, l.unit_price,
              l.discount, l.total, l.cost_of_goods, l.components
         FROM sale_lines l LEFT JOIN products p ON p.id = l.product_id`,
    )
    .all() as LineRow[];
  const payments = db.prepare(`SELECT sale_id, method, amount, tendered, change FROM sale_payments`).all() as PaymentRow[];
  const movements = db
    .prepare(`SELECT document_id, product_id, quantity, unit_cost FROM stock_movements WHERE document_type = 'sale'`)
    .all() as MovementRow[];
  const productKinds = new Map(
    (db.prepare(`SELECT id, kind FROM products`).all() as { id: string; kind: string }[]).map((p) => [p.id, p.kind]),
  );
  const kindOf = (productId: string) => productKinds.get(productId) ?? null;
  const audits = groupBy(
    db.prepare(`SELECT entity_id, action FROM audit_log WHERE action IN ('sales.posted', 'returns.posted')`).all() as {
      entity_id: string | null;
      action: string;
    }[],
    (a) => `${a.action} ${a.entity_id}`,
  );

  const saleIds = new Set(sales.map((s) => s.id));
  const lineSale = new Map(lines.map((l) => [l.id, l.sale_id]));
  const linesBySale = groupBy(lines, (l) => l.sale_id);
  const paymentsBySale = groupBy(payments, (p) => p.sale_id);
  // A sale's movements name the sale (or one of its lines) as their document.
  const movementsBySale = groupBy(
    movements.filter((m) => {
      const owner = saleIds.has(m.document_id) ? m.document_id : lineSale.get(m.document_id);
      if (owner === undefined) problem('orphan movement', `stock movement of document 'sale' ${m.document_id}, which is no sale`);
      return owner !== undefined;
    }),
    (m) => (saleIds.has(m.document_id) ? m.document_id : (lineSale.get(m.document_id) as string)),
  );

  let reportedMissing = 0;
  for (const id of reportedSaleIds) {
    if (!saleIds.has(id)) {
      reportedMissing++;
      problem('lost sale', `sale ${id} was reported committed but is not in the database`);
    }
  }

  for (const sale of sales) {
    const at = `sale ${sale.id} (#${sale.number})`;
    const saleLines = (linesBySale.get(sale.id) ?? []).sort((a, b) => a.line_no - b.line_no);
    const salePayments = paymentsBySale.get(sale.id) ?? [];
    if (saleLines.length === 0) {
      problem('lines', `${at} has no lines`);
      continue;
    }
    if (saleLines.some((l, i) => l.line_no !== i + 1)) {
      problem('lines', `${at} has line numbers ${saleLines.map((l) => l.line_no).join(',')}, not 1..${saleLines.length}`);
    }
    for (const line of saleLines) {
      if (line.total !== line.unit_price * line.quantity - line.discount) {
        problem('line total', `${at} line ${line.line_no}: total ${line.total} ≠ ${line.unit_price} × ${line.quantity} − ${line.discount}`);
      }
    }
    const linesTotal = sum(saleLines, (l) => l.total);
    if (sale.total !== linesTotal + sale.rounding) {
      problem('sale total', `${at}: total ${sale.total} ≠ Σ line totals ${linesTotal} + rounding ${sale.rounding}`);
    }
    const listTotal = sum(saleLines, (l) => l.list_price * l.quantity);
    if (sale.subtotal !== listTotal) problem('subtotal', `${at}: subtotal ${sale.subtotal} ≠ Σ list price × quantity ${listTotal}`);
    const discounts = sum(saleLines, (l) => l.discount);
    if (sale.discount_total !== discounts) problem('discounts', `${at}: discount_total ${sale.discount_total} ≠ Σ line discounts ${discounts}`);

    const paid = sum(salePayments, (p) => p.amount);
    if (paid !== sale.total) problem('payments', `${at}: payments ${paid} ≠ total ${sale.total}`);
    for (const p of salePayments) {
      if (p.method === 'cash' && p.tendered !== null && p.change !== p.tendered - p.amount) {
        problem('change', `${at}: cash tendered ${p.tendered} − ${p.amount} ≠ change ${p.change}`);
      }
    }

    const action = sale.kind === 'sale' ? 'sales.posted' : 'returns.posted';
    const auditCount = audits.get(`${action} ${sale.id}`)?.length ?? 0;
    if (auditCount !== 1) problem('audit', `${at}: ${auditCount} '${action}' audit entries, expected 1`);

    const lineCost = sum(saleLines, (l) => l.cost_of_goods);
    if (sale.cost_of_goods !== lineCost) problem('cost of goods', `${at}: cost_of_goods ${sale.cost_of_goods} ≠ Σ line costs ${lineCost}`);
    if (sale.kind !== 'sale') continue; // a return's stock comes back by its disposition: not made by this harness

    const saleMovements = movementsBySale.get(sale.id) ?? [];
    const movedCost = sum(saleMovements, (m) => -m.quantity * m.unit_cost);
    if (sale.cost_of_goods !== movedCost) problem('cost of goods', `${at}: cost_of_goods ${sale.cost_of_goods} ≠ Σ movement cost ${movedCost}`);
    let expected: Map<string, number>;
    try {
      expected = expectedStock(saleLines, kindOf);
    } catch (e) {
      problem('components', `${at}: ${(e as Error).message}`);
      continue;
    }
    const moved = new Map<string, number>();
    for (const m of saleMovements) moved.set(m.product_id, (moved.get(m.product_id) ?? 0) - m.quantity);
    for (const productId of new Set([...expected.keys(), ...moved.keys()])) {
      const want = expected.get(productId) ?? 0;
      const got = moved.get(productId) ?? 0;
      if (want !== got) problem('stock movements', `${at}: product ${productId} left stock ${got}, its lines sold ${want}`);
    }
    // A line's own cost is checkable where its product is in no other line of the sale.
    const plain = saleLines.filter((l) => l.components === null);
    for (const line of plain) {
      const shared = saleLines.some((o) => o !== line && (o.product_id === line.product_id || (componentsOf(o) ?? []).some((c) => c.productId === line.product_id)));
      if (shared) continue;
      const cost = sum(saleMovements.filter((m) => m.product_id === line.product_id), (m) => -m.quantity * m.unit_cost);
      if (cost !== line.cost_of_goods) problem('cost of goods', `${at} line ${line.line_no}: cost_of_goods ${line.cost_of_goods} ≠ its movements' ${cost}`);
    }
  }

  const orphanLines = lines.filter((l) => !saleIds.has(l.sale_id)).length;
  if (orphanLines > 0) problem('orphan lines', `${orphanLines} sale lines belong to no sale`);
  const orphanPayments = payments.filter((p) => !saleIds.has(p.sale_id)).length;
  if (orphanPayments > 0) problem('orphan payments', `${orphanPayments} payments belong to no sale`);

  const balances = db
    .prepare(
      `SELECT l.id, b.quantity AS balance, (SELECT coalesce(sum(m.quantity), 0) FROM stock_movements m WHERE m.lot_id = l.id) AS ledger
         FROM lots l LEFT JOIN lot_balances b ON b.lot_id = l.id`,
    )
    .all() as { id: string; balance: number | null; ledger: number }[];
  for (const b of balances) {
    if (b.balance !== b.ledger) problem('lot balance', `lot ${b.id}: balance ${b.balance ?? 'missing'} ≠ Σ movements ${b.ledger}`);
  }
  const strayBalances = db.prepare(`SELECT count(*) FROM lot_balances WHERE lot_id NOT IN (SELECT id FROM lots)`).pluck().get() as number;
  if (strayBalances > 0) problem('lot balance', `${strayBalances} balances of no lot`);

  for (const [kind, n] of byKind) if (n > LIST_AT_MOST) problems.push(`${kind}: … and ${n - LIST_AT_MOST} more`);
  Object.assign(counts, {
    sales: sales.length,
    lines: lines.length,
    payments: payments.length,
    movements: movements.length,
    lots: balances.length,
    reportedMissing,
  });
}
