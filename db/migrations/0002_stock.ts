import type { Migration } from './types';

/**
 * The stock ledger: lots (what arrived, when, at what cost), the append-only movements in and
 * out of them, and a balance per lot kept by triggers from the movements themselves, so no
 * writer can move stock without the balance following in the same transaction.
 */
export const m0002: Migration = {
  version: 2,
  name: 'stock',
  sql: /* sql */ `
CREATE TABLE lots (
  id                TEXT PRIMARY KEY,
  shop_id           TEXT NOT NULL REFERENCES shops(id),
  product_id        TEXT NOT NULL REFERENCES products(id),
  arrived_at        TEXT NOT NULL,
  -- minor units per unit of the product (stem, pot, piece)
  unit_cost         INTEGER NOT NULL CHECK (unit_cost >= 0),
  quantity_received INTEGER NOT NULL CHECK (quantity_received > 0),
  -- the document that brought it in: 'opening', later 'arrival', 'assembly', …
  document_type     TEXT NOT NULL CHECK (length(document_type) > 0),
  document_id       TEXT NOT NULL,
  created_at        TEXT NOT NULL
) STRICT;
-- the newest lot of a product takes a shortfall when the shop allows negative stock
CREATE INDEX lots_product_arrival ON lots(product_id, arrived_at, id);

-- Append-only, like audit_log: a correction is another movement, never an edit.
CREATE TABLE stock_movements (
  id            TEXT PRIMARY KEY,
  shop_id       TEXT NOT NULL REFERENCES shops(id),
  lot_id        TEXT NOT NULL REFERENCES lots(id),
  product_id    TEXT NOT NULL REFERENCES products(id),
  -- signed: + into the lot, − out of it
  quantity      INTEGER NOT NULL CHECK (quantity <> 0),
  -- the lot's unit cost, copied so cost of goods reads off the movement alone
  unit_cost     INTEGER NOT NULL CHECK (unit_cost >= 0),
  document_type TEXT NOT NULL CHECK (length(document_type) > 0),
  document_id   TEXT NOT NULL,
  at            TEXT NOT NULL,
  user_id       TEXT
) STRICT;
CREATE INDEX stock_movements_lot ON stock_movements(lot_id);
CREATE INDEX stock_movements_document ON stock_movements(document_type, document_id);
CREATE INDEX stock_movements_product_at ON stock_movements(product_id, at);
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
  BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
  BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
-- a movement belongs to its lot: same product, same shop, the lot's cost
CREATE TRIGGER stock_movements_match_lot BEFORE INSERT ON stock_movements
  WHEN NOT EXISTS (SELECT 1 FROM lots WHERE id = new.lot_id AND product_id = new.product_id
                     AND shop_id = new.shop_id AND unit_cost = new.unit_cost)
  BEGIN SELECT RAISE(ABORT, 'stock movement does not match its lot'); END;

-- Cache: the sum of each lot's movements. arrived_at is copied so that FIFO walks one index.
CREATE TABLE lot_balances (
  lot_id     TEXT PRIMARY KEY REFERENCES lots(id),
  product_id TEXT NOT NULL,
  shop_id    TEXT NOT NULL,
  arrived_at TEXT NOT NULL,
  quantity   INTEGER NOT NULL
) STRICT;
-- a product's lots that still hold stock, oldest first
CREATE INDEX lot_balances_fifo ON lot_balances(product_id, arrived_at, lot_id) WHERE quantity > 0;
CREATE INDEX lot_balances_product ON lot_balances(product_id);
CREATE TRIGGER lots_balance_row AFTER INSERT ON lots BEGIN
  INSERT INTO lot_balances (lot_id, product_id, shop_id, arrived_at, quantity)
    VALUES (new.id, new.product_id, new.shop_id, new.arrived_at, 0);
END;
CREATE TRIGGER stock_movements_balance AFTER INSERT ON stock_movements BEGIN
  UPDATE lot_balances SET quantity = quantity + new.quantity WHERE lot_id = new.lot_id;
END;
CREATE TRIGGER lots_no_delete BEFORE DELETE ON lots
  BEGIN SELECT RAISE(ABORT, 'lots are never deleted'); END;
`,
};
