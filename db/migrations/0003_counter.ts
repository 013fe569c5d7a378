import type { Migration } from './types';

/**
 * The counter: shifts with their cash movements and stored X/Z reports, sales and returns (one
 * document table, `kind` tells them apart, amounts stored positive), their lines and payments,
 * parked drafts, quick tiles, the devices (printers, scanners) and the print queue.
 * Posted documents (sales, lines, payments, cash movements, reports) are append-only: a mistake
 * is corrected by a return, never by an edit.
 */
export const m0003: Migration = {
  version: 3,
  name: 'counter',
  sql: /* sql */ `
-- Shop-wide counter rules.
ALTER TABLE shops ADD COLUMN cash_rounding INTEGER NOT NULL DEFAULT 1 CHECK (cash_rounding >= 1);
ALTER TABLE shops ADD COLUMN allow_negative_stock INTEGER NOT NULL DEFAULT 0 CHECK (allow_negative_stock IN (0,1));
ALTER TABLE shops ADD COLUMN receipt_footer TEXT;

-- How far each role may discount on its own (basis points of the line or sale); above it, an approver.
CREATE TABLE role_limits (
  role            TEXT PRIMARY KEY CHECK (role IN ('owner','manager','cashier','florist','courier')),
  max_discount_bp INTEGER NOT NULL CHECK (max_discount_bp BETWEEN 0 AND 10000)
) STRICT, WITHOUT ROWID;
INSERT INTO role_limits (role, max_discount_bp) VALUES
  ('owner', 10000), ('manager', 3000), ('cashier', 1000), ('florist', 500), ('courier', 0);

-- One open shift per register (a PC's till): app_settings 'register_id' names this PC's register.
CREATE TABLE shifts (
  id             TEXT PRIMARY KEY,
  shop_id        TEXT NOT NULL REFERENCES shops(id),
  register_id    TEXT NOT NULL,
  number         INTEGER NOT NULL CHECK (number > 0),
  opened_at      TEXT NOT NULL,
  opened_by      TEXT NOT NULL REFERENCES users(id),
  opening_float  INTEGER NOT NULL CHECK (opening_float >= 0),
  closed_at      TEXT,
  closed_by      TEXT REFERENCES users(id),
  -- filled once, at close: the Z report holds the breakdown
  expected_cash  INTEGER,
  counted_cash   INTEGER CHECK (counted_cash >= 0),
  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
  UNIQUE (shop_id, register_id, number)
) STRICT;
CREATE UNIQUE INDEX shifts_one_open ON shifts(shop_id, register_id) WHERE closed_at IS NULL;
-- a shift is closed once; nothing else about it changes
CREATE TRIGGER shifts_close_once BEFORE UPDATE ON shifts
  WHEN old.closed_at IS NOT NULL OR new.id <> old.id OR new.opened_at <> old.opened_at
       OR new.opening_float <> old.opening_float OR new.number <> old.number
  BEGIN SELECT RAISE(ABORT, 'a closed shift is never edited'); END;
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts
  BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;

CREATE TABLE cash_movements (
  id        TEXT PRIMARY KEY,
  shop_id   TEXT NOT NULL REFERENCES shops(id),
  shift_id  TEXT NOT NULL REFERENCES shifts(id),
  kind      TEXT NOT NULL CHECK (kind IN ('in','out')),
  amount    INTEGER NOT NULL CHECK (amount > 0),
  reason    TEXT NOT NULL CHECK (length(reason) > 0),
  at        TEXT NOT NULL,
  user_id   TEXT NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX cash_movements_shift ON cash_movements(shift_id);

-- X (any time) and Z (at close) reports, stored as printed so that a reprint reads the same.
CREATE TABLE shift_reports (
  id        TEXT PRIMARY KEY,
  shop_id   TEXT NOT NULL REFERENCES shops(id),
  shift_id  TEXT NOT NULL REFERENCES shifts(id),
  kind      TEXT NOT NULL CHECK (kind IN ('x','z')),
  at        TEXT NOT NULL,
  user_id   TEXT NOT NULL REFERENCES users(id),
  -- JSON: totals by method, discounts, returns, cash movements, expected/counted cash, denominations
  data      TEXT NOT NULL CHECK (json_valid(data))
) STRICT;
CREATE INDEX shift_reports_shift ON shift_reports(shift_id, at);
CREATE UNIQUE INDEX shift_reports_one_z ON shift_reports(shift_id) WHERE kind = 'z';

-- Sales and returns. Amounts are positive; kind says which way the money and stock went.
CREATE TABLE sales (
  id                 TEXT PRIMARY KEY,
  shop_id            TEXT NOT NULL REFERENCES shops(id),
  shift_id           TEXT NOT NULL REFERENCES shifts(id),
  kind               TEXT NOT NULL CHECK (kind IN ('sale','return')),
  -- receipt number, per shop, one sequence for sales and returns
  number             INTEGER NOT NULL CHECK (number > 0),
  original_sale_id   TEXT REFERENCES sales(id),
  at                 TEXT NOT NULL,
  cashier_id         TEXT NOT NULL REFERENCES users(id),
  client_id          TEXT REFERENCES clients(id),
  currency           TEXT NOT NULL,
  -- Σ list price × quantity
  subtotal           INTEGER NOT NULL CHECK (subtotal >= 0),
  -- every discount (lines, sale, client), before rounding
  discount_total     INTEGER NOT NULL CHECK (discount_total >= 0),
  -- signed: what cash rounding added (+) or took (−)
  rounding           INTEGER NOT NULL DEFAULT 0,
  -- what the customer paid (sale) or got back (return)
  total              INTEGER NOT NULL CHECK (total >= 0),
  cost_of_goods      INTEGER NOT NULL CHECK (cost_of_goods >= 0),
  client_discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (client_discount_bp BETWEEN 0 AND 10000),
  -- JSON {kind:'percent'|'amount', value, reason} of a whole-sale discount, or NULL
  sale_discount      TEXT CHECK (sale_discount IS NULL OR json_valid(sale_discount)),
  approved_by        TEXT REFERENCES users(id),
  reason             TEXT,
  -- the screen's id for this payment: a repeated commit (lost answer, double press) finds the sale already posted
  request_id         TEXT,
  CHECK ((kind = 'return') = (original_sale_id IS NOT NULL)),
  UNIQUE (shop_id, number)
) STRICT;
CREATE INDEX sales_shift ON sales(shift_id, at);
CREATE INDEX sales_at ON sales(shop_id, at);
CREATE INDEX sales_client ON sales(client_id, at) WHERE client_id IS NOT NULL;
CREATE INDEX sales_original ON sales(original_sale_id) WHERE original_sale_id IS NOT NULL;
CREATE UNIQUE INDEX sales_request ON sales(shop_id, request_id) WHERE request_id IS NOT NULL;
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales
  BEGIN SELECT RAISE(ABORT, 'posted sales are never edited'); END;
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
  BEGIN SELECT RAISE(ABORT, 'posted sales are never deleted'); END;

CREATE TABLE sale_lines (
  id                TEXT PRIMARY KEY,
  sale_id           TEXT NOT NULL REFERENCES sales(id),
  shop_id           TEXT NOT NULL REFERENCES shops(id),
  line_no           INTEGER NOT NULL CHECK (line_no > 0),
  product_id        TEXT NOT NULL REFERENCES products(id),
  -- the name as printed, in the shop's language, so a renamed product leaves old receipts alone
  name              TEXT NOT NULL,
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  -- the catalogue price at the time; unit_price differs only by an override
  list_price        INTEGER NOT NULL CHECK (list_price >= 0),
  unit_price        INTEGER NOT NULL CHECK (unit_price >= 0),
  price_reason      TEXT,
  -- JSON {kind, value, reason} of the line's own discount, or NULL
  line_discount     TEXT CHECK (line_discount IS NULL OR json_valid(line_discount)),
  -- every discount that fell on this line (own, share of the sale's, client's), minor units
  discount          INTEGER NOT NULL CHECK (discount >= 0),
  -- unit_price × quantity − discount
  total             INTEGER NOT NULL CHECK (total >= 0),
  cost_of_goods     INTEGER NOT NULL CHECK (cost_of_goods >= 0),
  -- returns: the sold line this gives back, and where its stock went
  original_line_id  TEXT REFERENCES sale_lines(id),
  disposition       TEXT CHECK (disposition IN ('restock','writeoff')),
  -- a bouquet line's components left stock with it (JSON [{productId, quantity}]), else NULL
  components        TEXT CHECK (components IS NULL OR json_valid(components)),
  UNIQUE (sale_id, line_no)
) STRICT;
CREATE INDEX sale_lines_product ON sale_lines(product_id);
CREATE INDEX sale_lines_original ON sale_lines(original_line_id) WHERE original_line_id IS NOT NULL;
CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines
  BEGIN SELECT RAISE(ABORT, 'posted sale lines are never edited'); END;
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines
  BEGIN SELECT RAISE(ABORT, 'posted sale lines are never deleted'); END;

CREATE TABLE sale_payments (
  id         TEXT PRIMARY KEY,
  sale_id    TEXT NOT NULL REFERENCES sales(id),
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  method     TEXT NOT NULL CHECK (method IN ('cash','card')),
  -- what this method paid towards the total (sale) or refunded (return)
  amount     INTEGER NOT NULL CHECK (amount > 0),
  -- cash: what the customer handed over, and the change given back
  tendered   INTEGER CHECK (tendered IS NULL OR tendered >= amount),
  change     INTEGER NOT NULL DEFAULT 0 CHECK (change >= 0),
  -- card: the terminal's approval code or slip number, when the cashier types it
  reference  TEXT
) STRICT;
CREATE INDEX sale_payments_sale ON sale_payments(sale_id);
CREATE TRIGGER sale_payments_no_update BEFORE UPDATE ON sale_payments
  BEGIN SELECT RAISE(ABORT, 'posted payments are never edited'); END;
CREATE TRIGGER sale_payments_no_delete BEFORE DELETE ON sale_payments
  BEGIN SELECT RAISE(ABORT, 'posted payments are never deleted'); END;
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements
  BEGIN SELECT RAISE(ABORT, 'cash movements are never edited'); END;
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements
  BEGIN SELECT RAISE(ABORT, 'cash movements are never deleted'); END;
CREATE TRIGGER shift_reports_no_update BEFORE UPDATE ON shift_reports
  BEGIN SELECT RAISE(ABORT, 'stored reports are never edited'); END;
CREATE TRIGGER shift_reports_no_delete BEFORE DELETE ON shift_reports
  BEGIN SELECT RAISE(ABORT, 'stored reports are never deleted'); END;

-- A sale put aside (the customer went back for a ribbon). A draft, not a document: resumed = deleted.
CREATE TABLE parked_sales (
  id         TEXT PRIMARY KEY,
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  parked_at  TEXT NOT NULL,
  parked_by  TEXT NOT NULL REFERENCES users(id),
  label      TEXT,
  draft      TEXT NOT NULL CHECK (json_valid(draft))
) STRICT;

-- The sale screen's favourite products, per shop, in order.
CREATE TABLE quick_tiles (
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  position    INTEGER NOT NULL CHECK (position >= 0),
  product_id  TEXT NOT NULL REFERENCES products(id),
  PRIMARY KEY (shop_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE printers (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  -- 'tcp' (address tcp://host:port), 'serial' (address = port path, baud), 'os' (address = OS printer name)
  transport   TEXT NOT NULL CHECK (transport IN ('tcp','serial','os')),
  address     TEXT NOT NULL,
  baud        INTEGER,
  paper_mm    INTEGER NOT NULL CHECK (paper_mm IN (58,80)),
  -- JSON: code page numbers per encoding (Epson numbering by default), RK1048 present, drawer pin, …
  settings    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;

-- The print queue. A job is state, not a document: its status changes as attempts are made.
CREATE TABLE print_jobs (
  id             TEXT PRIMARY KEY,
  shop_id        TEXT NOT NULL REFERENCES shops(id),
  printer_id     TEXT NOT NULL REFERENCES printers(id),
  -- what to print: 'sale' (a sale's or return's receipt), 'report' (X/Z), 'test', 'drawer',
  -- 'labels' (price labels for an arrival's lots; document_id names the arrival)
  document_type  TEXT NOT NULL CHECK (document_type IN ('sale','report','test','drawer','labels')),
  document_id    TEXT,
  copy           INTEGER NOT NULL DEFAULT 0 CHECK (copy IN (0,1)),
  status         TEXT NOT NULL CHECK (status IN ('queued','printing','done','failed')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  -- the last failure's translated message key (the printing area's errors)
  last_error     TEXT,
  next_attempt_at TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  printed_at     TEXT
) STRICT;
CREATE INDEX print_jobs_pending ON print_jobs(status, next_attempt_at) WHERE status IN ('queued','printing');
CREATE INDEX print_jobs_document ON print_jobs(document_type, document_id);

CREATE TABLE scanners (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  kind        TEXT NOT NULL CHECK (kind IN ('serial','hid')),
  -- JSON: serial {path, baud, suffix, silenceMs}; hid {vendorId, productId, serialNumber}
  settings    TEXT NOT NULL CHECK (json_valid(settings)),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
`,
};
