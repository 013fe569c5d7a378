import type { Migration } from './types';

/**
 * Flowers: suppliers and arrivals (goods receipts that create lots), freshness (vase life,
 * markdown rules, minimum levels), write-offs, bouquet recipes with the shop's pricing rules,
 * bouquet assembly, stock counts and the occasions calendar for restock planning.
 * Posted documents (arrivals, write-offs, assemblies, posted counts) are append-only; their stock
 * moves only through the ledger of migration 0002.
 */
export const m0004: Migration = {
  version: 4,
  name: 'flowers',
  sql: /* sql */ `
CREATE TABLE suppliers (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  phone       TEXT,
  note        TEXT,
  -- how many days from ordering to arrival: restock covers demand until the next delivery
  lead_days   INTEGER NOT NULL DEFAULT 2 CHECK (lead_days BETWEEN 0 AND 60),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX suppliers_shop ON suppliers(shop_id, archived);

-- What a supplier sells a product in: a bunch of 10 or 20 stems, a box. Restock rounds up to it.
CREATE TABLE supplier_products (
  supplier_id TEXT NOT NULL REFERENCES suppliers(id),
  product_id  TEXT NOT NULL REFERENCES products(id),
  pack_kind   TEXT NOT NULL CHECK (pack_kind IN ('bunch','box','pack')),
  -- stems (or pieces) per pack
  pack_size   INTEGER NOT NULL CHECK (pack_size BETWEEN 1 AND 100000),
  PRIMARY KEY (supplier_id, product_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX supplier_products_product ON supplier_products(product_id);

-- Freshness and restock, per product (a product is one variety in one colour and length).
ALTER TABLE products ADD COLUMN vase_life_days INTEGER CHECK (vase_life_days IS NULL OR vase_life_days BETWEEN 1 AND 3650);
ALTER TABLE products ADD COLUMN min_stock INTEGER CHECK (min_stock IS NULL OR min_stock >= 0);
-- the usual supplier: the suggested order of restock planning groups by it
ALTER TABLE products ADD COLUMN supplier_id TEXT REFERENCES suppliers(id);

-- Goods receipt. Posted once (the screen holds the draft); never edited.
CREATE TABLE arrivals (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  number      INTEGER NOT NULL CHECK (number > 0),
  supplier_id TEXT REFERENCES suppliers(id),
  invoice_no  TEXT,
  -- when the goods arrived: the lots' arrival date, what ages them
  arrived_at  TEXT NOT NULL,
  note        TEXT,
  total_cost  INTEGER NOT NULL CHECK (total_cost >= 0),
  posted_by   TEXT NOT NULL REFERENCES users(id),
  posted_at   TEXT NOT NULL,
  request_id  TEXT,
  UNIQUE (shop_id, number)
) STRICT;
CREATE UNIQUE INDEX arrivals_request ON arrivals(shop_id, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX arrivals_at ON arrivals(shop_id, arrived_at);
CREATE TABLE arrival_lines (
  id          TEXT PRIMARY KEY,
  arrival_id  TEXT NOT NULL REFERENCES arrivals(id),
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  line_no     INTEGER NOT NULL CHECK (line_no > 0),
  product_id  TEXT NOT NULL REFERENCES products(id),
  -- as invoiced: packs × pack_size = quantity; both NULL when counted in stems
  packs       INTEGER CHECK (packs IS NULL OR packs > 0),
  pack_size   INTEGER CHECK (pack_size IS NULL OR pack_size > 0),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost   INTEGER NOT NULL CHECK (unit_cost >= 0),
  line_cost   INTEGER NOT NULL CHECK (line_cost >= 0),
  lot_id      TEXT NOT NULL REFERENCES lots(id),
  UNIQUE (arrival_id, line_no)
) STRICT;
-- Price labels asked for (of an arrival's lots, or any products): what a 'labels' print job prints.
-- lines: JSON [{productId, copies}], frozen when asked, so a retried job prints the same labels.
CREATE TABLE label_batches (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  arrival_id  TEXT REFERENCES arrivals(id),
  lines       TEXT NOT NULL,
  labels      INTEGER NOT NULL CHECK (labels > 0),
  created_by  TEXT REFERENCES users(id),
  created_at  TEXT NOT NULL
) STRICT;

-- "From day 5, 20 % off": the oldest matching rule a lot has reached applies at the counter.
-- Scope: one product, else a category, else a product kind, else every product (all NULL).
CREATE TABLE markdown_rules (
  id           TEXT PRIMARY KEY,
  shop_id      TEXT NOT NULL REFERENCES shops(id),
  from_day     INTEGER NOT NULL CHECK (from_day BETWEEN 0 AND 3650),
  percent_bp   INTEGER NOT NULL CHECK (percent_bp BETWEEN 1 AND 10000),
  product_kind TEXT,
  category_id  TEXT REFERENCES categories(id),
  product_id   TEXT REFERENCES products(id),
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX markdown_rules_shop ON markdown_rules(shop_id, archived);
-- An automatic markdown on a sold line, shown on the receipt: part of the line's discount.
ALTER TABLE sale_lines ADD COLUMN markdown INTEGER NOT NULL DEFAULT 0 CHECK (markdown >= 0);
ALTER TABLE sale_lines ADD COLUMN markdown_bp INTEGER CHECK (markdown_bp IS NULL OR markdown_bp BETWEEN 1 AND 10000);

-- Write-offs: what wilted, broke or went to the window display, from which lot, at what cost.
CREATE TABLE writeoffs (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  number      INTEGER NOT NULL CHECK (number > 0),
  at          TEXT NOT NULL,
  user_id     TEXT NOT NULL REFERENCES users(id),
  reason      TEXT NOT NULL CHECK (reason IN ('wilted','broken','damaged','display','returned','other')),
  note        TEXT,
  total_cost  INTEGER NOT NULL CHECK (total_cost >= 0),
  -- a returned item the customer did not want restocked
  return_id   TEXT REFERENCES sales(id),
  request_id  TEXT,
  UNIQUE (shop_id, number)
) STRICT;
CREATE UNIQUE INDEX writeoffs_request ON writeoffs(shop_id, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX writeoffs_at ON writeoffs(shop_id, at);
CREATE TABLE writeoff_lines (
  id          TEXT PRIMARY KEY,
  writeoff_id TEXT NOT NULL REFERENCES writeoffs(id),
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  lot_id      TEXT NOT NULL REFERENCES lots(id),
  product_id  TEXT NOT NULL REFERENCES products(id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  unit_cost   INTEGER NOT NULL CHECK (unit_cost >= 0),
  -- whole days from the lot's arrival to the discard, frozen for the shrink view
  age_days    INTEGER NOT NULL CHECK (age_days >= 0),
  -- the lot's supplier (from its arrival), frozen
  supplier_id TEXT REFERENCES suppliers(id),
  -- the write-off's time and reason, copied so the shrink view reads a period off one covering index
  at          TEXT NOT NULL,
  reason      TEXT NOT NULL CHECK (reason IN ('wilted','broken','damaged','display','returned','other'))
) STRICT;
CREATE INDEX writeoff_lines_doc ON writeoff_lines(writeoff_id);
CREATE INDEX writeoff_lines_shrink ON writeoff_lines(shop_id, at, product_id, quantity, unit_cost, age_days, supplier_id, reason);
CREATE INDEX writeoff_lines_product ON writeoff_lines(product_id);
-- a write-off freezes the supplier of its lot's arrival, found by lot
CREATE INDEX arrival_lines_lot ON arrival_lines(lot_id);

-- The shop's pricing rules for bouquets: price = round_to_step(Σ cost × markup(kind) + fee + addition).
CREATE TABLE pricing_rules (
  shop_id         TEXT PRIMARY KEY REFERENCES shops(id),
  -- added to every bouquet's price, minor units
  fixed_addition  INTEGER NOT NULL DEFAULT 0 CHECK (fixed_addition >= 0),
  -- the assembly fee of a bouquet made at the counter without a recipe
  assembly_fee    INTEGER NOT NULL DEFAULT 0 CHECK (assembly_fee >= 0),
  -- prices end on this step: 50 = 0.50 GEL, 10000 = 100 KZT, 100000 = 1,000 UZS
  rounding_step   INTEGER NOT NULL DEFAULT 1 CHECK (rounding_step >= 1),
  rounding_mode   TEXT NOT NULL DEFAULT 'up' CHECK (rounding_mode IN ('up','nearest')),
  updated_at      TEXT NOT NULL
) STRICT;
CREATE TABLE kind_markups (
  shop_id       TEXT NOT NULL REFERENCES shops(id),
  kind          TEXT NOT NULL CHECK (kind IN ('cut_flower','plant','greenery','consumable','ready_item','service')),
  -- 25000 = × 2.5
  multiplier_bp INTEGER NOT NULL CHECK (multiplier_bp BETWEEN 0 AND 1000000),
  PRIMARY KEY (shop_id, kind)
) STRICT, WITHOUT ROWID;

-- Bouquet recipes. Master data (edited in place); what a bouquet really used is frozen on its assembly.
CREATE TABLE recipes (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  description TEXT,
  photo       BLOB,
  photo_type  TEXT CHECK (photo_type IS NULL OR photo_type IN ('image/jpeg','image/png','image/webp')),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
-- One size of a recipe. Its bouquet is a product (kind ready_item) so it can be scanned, sold and
-- kept in stock as lots that age.
CREATE TABLE recipe_variants (
  id           TEXT PRIMARY KEY,
  recipe_id    TEXT NOT NULL REFERENCES recipes(id),
  size         TEXT NOT NULL CHECK (size IN ('small','medium','large')),
  product_id   TEXT NOT NULL UNIQUE REFERENCES products(id),
  assembly_fee INTEGER NOT NULL DEFAULT 0 CHECK (assembly_fee >= 0),
  UNIQUE (recipe_id, size)
) STRICT;
CREATE TABLE recipe_components (
  variant_id  TEXT NOT NULL REFERENCES recipe_variants(id),
  line_no     INTEGER NOT NULL CHECK (line_no > 0),
  product_id  TEXT NOT NULL REFERENCES products(id),
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (variant_id, line_no)
) STRICT, WITHOUT ROWID;
CREATE INDEX recipe_components_product ON recipe_components(product_id);

-- "Make N bouquets": components out (FIFO), ready bouquets in as one lot at their real cost.
CREATE TABLE assemblies (
  id              TEXT PRIMARY KEY,
  shop_id         TEXT NOT NULL REFERENCES shops(id),
  number          INTEGER NOT NULL CHECK (number > 0),
  variant_id      TEXT REFERENCES recipe_variants(id),
  product_id      TEXT NOT NULL REFERENCES products(id),
  quantity        INTEGER NOT NULL CHECK (quantity > 0),
  at              TEXT NOT NULL,
  user_id         TEXT NOT NULL REFERENCES users(id),
  components_cost INTEGER NOT NULL CHECK (components_cost >= 0),
  -- the ready lot's unit cost: components_cost / quantity, halves up
  unit_cost       INTEGER NOT NULL CHECK (unit_cost >= 0),
  lot_id          TEXT NOT NULL REFERENCES lots(id),
  note            TEXT,
  request_id      TEXT,
  UNIQUE (shop_id, number)
) STRICT;
CREATE UNIQUE INDEX assemblies_request ON assemblies(shop_id, request_id) WHERE request_id IS NOT NULL;
CREATE INDEX assemblies_at ON assemblies(shop_id, at);
-- Recipe against actual, per component, for all N bouquets: a substitute has recipe_quantity 0,
-- a left-out component actual_quantity 0.
CREATE TABLE assembly_components (
  assembly_id     TEXT NOT NULL REFERENCES assemblies(id),
  line_no         INTEGER NOT NULL CHECK (line_no > 0),
  product_id      TEXT NOT NULL REFERENCES products(id),
  recipe_quantity INTEGER NOT NULL CHECK (recipe_quantity >= 0),
  actual_quantity INTEGER NOT NULL CHECK (actual_quantity >= 0),
  -- what the actual quantity cost (FIFO lots)
  cost            INTEGER NOT NULL CHECK (cost >= 0),
  -- what the recipe quantity would have cost at the same time, for the difference report
  recipe_cost     INTEGER NOT NULL CHECK (recipe_cost >= 0),
  PRIMARY KEY (assembly_id, line_no)
) STRICT, WITHOUT ROWID;

-- Stock counts. Open while counting; posting freezes the lines and writes adjustment movements.
CREATE TABLE counts (
  id           TEXT PRIMARY KEY,
  shop_id      TEXT NOT NULL REFERENCES shops(id),
  number       INTEGER NOT NULL CHECK (number > 0),
  -- NULL: all stock
  category_id  TEXT REFERENCES categories(id),
  -- the counter does not see expected quantities
  blind        INTEGER NOT NULL CHECK (blind IN (0,1)),
  status       TEXT NOT NULL CHECK (status IN ('open','posted','cancelled')),
  note         TEXT,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL REFERENCES users(id),
  closed_at    TEXT,
  closed_by    TEXT REFERENCES users(id),
  -- the posting's request id: a post repeated after a lost answer gets the first answer
  request_id   TEXT,
  UNIQUE (shop_id, number)
) STRICT;
CREATE INDEX counts_status ON counts(shop_id, status);
CREATE UNIQUE INDEX counts_request ON counts(shop_id, request_id) WHERE request_id IS NOT NULL;
-- a posted or cancelled count stays so
CREATE TRIGGER counts_close_once BEFORE UPDATE ON counts WHEN old.status <> 'open'
  BEGIN SELECT RAISE(ABORT, 'a closed count is never edited'); END;
-- Every scan, typed quantity or imported line, append-only: counted = Σ quantity per product.
CREATE TABLE count_entries (
  id         TEXT PRIMARY KEY,
  count_id   TEXT NOT NULL REFERENCES counts(id),
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  -- signed: a correction takes some back
  quantity   INTEGER NOT NULL CHECK (quantity <> 0),
  source     TEXT NOT NULL CHECK (source IN ('scan','manual','file','serial')),
  at         TEXT NOT NULL,
  user_id    TEXT REFERENCES users(id)
) STRICT;
CREATE INDEX count_entries_count ON count_entries(count_id, product_id);
-- One row per terminal file or serial upload added to a count: its request id answers a confirm
-- sent twice (a lost answer, a double press) with the first import instead of counting the file again.
CREATE TABLE count_imports (
  id         TEXT PRIMARY KEY,
  count_id   TEXT NOT NULL REFERENCES counts(id),
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  source     TEXT NOT NULL CHECK (source IN ('file','serial')),
  request_id TEXT,
  -- what was added: products, lines read, stems/pieces
  products   INTEGER NOT NULL CHECK (products >= 0),
  lines      INTEGER NOT NULL CHECK (lines >= 0),
  quantity   INTEGER NOT NULL CHECK (quantity >= 0),
  at         TEXT NOT NULL,
  user_id    TEXT REFERENCES users(id)
) STRICT;
CREATE UNIQUE INDEX count_imports_request ON count_imports(shop_id, request_id) WHERE request_id IS NOT NULL;
CREATE TRIGGER count_entries_no_update BEFORE UPDATE ON count_entries
  BEGIN SELECT RAISE(ABORT, 'count_entries is append-only'); END;
-- Frozen at posting: the variance as it was booked.
CREATE TABLE count_lines (
  count_id    TEXT NOT NULL REFERENCES counts(id),
  product_id  TEXT NOT NULL REFERENCES products(id),
  expected    INTEGER NOT NULL,
  counted     INTEGER NOT NULL CHECK (counted >= 0),
  -- value of the difference at the lots' costs, signed, minor units
  value       INTEGER NOT NULL,
  PRIMARY KEY (count_id, product_id)
) STRICT, WITHOUT ROWID;

-- The occasions calendar for restock planning: a fixed date (March 8) or the nth weekday of a
-- month (Mother's Day). uplift_bp is the owner's guess until the sales history shows the real one.
CREATE TABLE occasions (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  name        TEXT NOT NULL CHECK (length(name) > 0),
  -- a built-in occasion's key ('valentines', 'march8', 'mothers_day'), translated on screen; NULL for the owner's own
  builtin     TEXT,
  month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  -- fixed date: day of month; else NULL
  day         INTEGER CHECK (day IS NULL OR day BETWEEN 1 AND 31),
  -- nth weekday: weekday 0 = Sunday … 6, nth 1..4 or -1 for the last
  weekday     INTEGER CHECK (weekday IS NULL OR weekday BETWEEN 0 AND 6),
  nth         INTEGER CHECK (nth IS NULL OR nth IN (-1,1,2,3,4)),
  -- how many days before the date the rush starts
  days_before INTEGER NOT NULL DEFAULT 3 CHECK (days_before BETWEEN 0 AND 30),
  uplift_bp   INTEGER NOT NULL DEFAULT 20000 CHECK (uplift_bp BETWEEN 0 AND 1000000),
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK ((day IS NOT NULL) <> (weekday IS NOT NULL AND nth IS NOT NULL))
) STRICT;
CREATE INDEX occasions_shop ON occasions(shop_id, archived);
-- Restock planning reads demand per product and day over a range of days (shop/restock/demand.ts):
-- sales by time with their kind and id (covering), then each sale's plain lines (covering) or its
-- bouquet lines' components, and assembly consumption by day.
CREATE INDEX sales_restock ON sales(shop_id, at, kind, id);
CREATE INDEX sale_lines_restock_plain ON sale_lines(sale_id, product_id, quantity) WHERE components IS NULL;
CREATE INDEX sale_lines_restock_bouquet ON sale_lines(sale_id) WHERE components IS NOT NULL;
CREATE INDEX stock_movements_type_at ON stock_movements(document_type, at);

-- posted documents are never edited or deleted
CREATE TRIGGER arrivals_no_update BEFORE UPDATE ON arrivals BEGIN SELECT RAISE(ABORT, 'arrivals are never edited'); END;
CREATE TRIGGER arrival_lines_no_update BEFORE UPDATE ON arrival_lines BEGIN SELECT RAISE(ABORT, 'arrivals are never edited'); END;
CREATE TRIGGER writeoffs_no_update BEFORE UPDATE ON writeoffs BEGIN SELECT RAISE(ABORT, 'write-offs are never edited'); END;
CREATE TRIGGER writeoff_lines_no_update BEFORE UPDATE ON writeoff_lines BEGIN SELECT RAISE(ABORT, 'write-offs are never edited'); END;
CREATE TRIGGER assemblies_no_update BEFORE UPDATE ON assemblies BEGIN SELECT RAISE(ABORT, 'assemblies are never edited'); END;
CREATE TRIGGER assembly_components_no_update BEFORE UPDATE ON assembly_components BEGIN SELECT RAISE(ABORT, 'assemblies are never edited'); END;
CREATE TRIGGER count_lines_no_update BEFORE UPDATE ON count_lines BEGIN SELECT RAISE(ABORT, 'posted counts are never edited'); END;
CREATE TRIGGER arrivals_no_delete BEFORE DELETE ON arrivals BEGIN SELECT RAISE(ABORT, 'arrivals are never deleted'); END;
CREATE TRIGGER arrival_lines_no_delete BEFORE DELETE ON arrival_lines BEGIN SELECT RAISE(ABORT, 'arrivals are never deleted'); END;
CREATE TRIGGER writeoffs_no_delete BEFORE DELETE ON writeoffs BEGIN SELECT RAISE(ABORT, 'write-offs are never deleted'); END;
CREATE TRIGGER writeoff_lines_no_delete BEFORE DELETE ON writeoff_lines BEGIN SELECT RAISE(ABORT, 'write-offs are never deleted'); END;
CREATE TRIGGER assemblies_no_delete BEFORE DELETE ON assemblies BEGIN SELECT RAISE(ABORT, 'assemblies are never deleted'); END;
CREATE TRIGGER assembly_components_no_delete BEFORE DELETE ON assembly_components BEGIN SELECT RAISE(ABORT, 'assemblies are never deleted'); END;
CREATE TRIGGER counts_no_delete BEFORE DELETE ON counts BEGIN SELECT RAISE(ABORT, 'counts are never deleted'); END;
CREATE TRIGGER count_entries_no_delete BEFORE DELETE ON count_entries BEGIN SELECT RAISE(ABORT, 'count_entries is append-only'); END;
CREATE TRIGGER count_lines_no_delete BEFORE DELETE ON count_lines BEGIN SELECT RAISE(ABORT, 'posted counts are never deleted'); END;
`,
};
