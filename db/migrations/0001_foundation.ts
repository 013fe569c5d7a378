import type { Migration } from './types';

/** Shops, people and permissions, the audit log, the catalog with its search index, and clients. */
export const m0001: Migration = {
  version: 1,
  name: 'foundation',
  sql: /* sql */ `
CREATE TABLE app_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE shops (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  currency   TEXT NOT NULL CHECK (currency IN ('GEL','KZT','UZS','RUB','USD','EUR')),
  language   TEXT NOT NULL CHECK (language IN ('en','ru','ka','kk','uz')),
  country    TEXT,
  address    TEXT,
  phone      TEXT,
  tax_id     TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE role_permissions (
  role       TEXT NOT NULL CHECK (role IN ('owner','manager','cashier','florist','courier')),
  permission TEXT NOT NULL,
  PRIMARY KEY (role, permission)
) STRICT, WITHOUT ROWID;

CREATE TABLE users (
  id              TEXT PRIMARY KEY,
  shop_id         TEXT NOT NULL REFERENCES shops(id),
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('owner','manager','cashier','florist','courier')),
  language        TEXT NOT NULL CHECK (language IN ('en','ru','ka','kk','uz')),
  pin_hash        TEXT,
  password_hash   TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  CHECK (pin_hash IS NOT NULL OR password_hash IS NOT NULL)
) STRICT;
CREATE INDEX users_shop ON users(shop_id, archived);

-- Append-only: who did what, when. Later synced to head office as it is.
CREATE TABLE audit_log (
  id        TEXT PRIMARY KEY,
  shop_id   TEXT,
  at        TEXT NOT NULL,
  user_id   TEXT,
  action    TEXT NOT NULL,
  entity    TEXT,
  entity_id TEXT,
  details   TEXT
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
-- audit.list filtered by person, newest first
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE categories (
  id         TEXT PRIMARY KEY,
  parent_id  TEXT REFERENCES categories(id),
  sort       INTEGER NOT NULL DEFAULT 0,
  archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX categories_parent ON categories(parent_id);

CREATE TABLE category_names (
  category_id TEXT NOT NULL REFERENCES categories(id),
  lang        TEXT NOT NULL CHECK (lang IN ('en','ru','ka','kk','uz')),
  name        TEXT NOT NULL,
  PRIMARY KEY (category_id, lang)
) STRICT, WITHOUT ROWID;

CREATE TABLE products (
  -- The search index refers to rows by this number. Declared, because VACUUM may renumber an
  -- implicit rowid and would silently point the index at the wrong products.
  seq            INTEGER PRIMARY KEY,
  id             TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL CHECK (kind IN ('cut_flower','plant','greenery','consumable','ready_item','service')),
  category_id    TEXT REFERENCES categories(id),
  variety        TEXT,
  colour         TEXT,
  stem_length_cm INTEGER CHECK (stem_length_cm IS NULL OR stem_length_cm BETWEEN 1 AND 400),
  unit           TEXT NOT NULL CHECK (unit IN ('stem','piece','pot','bunch','metre','service')),
  price          INTEGER NOT NULL CHECK (price >= 0),
  archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  -- every name, variety, colour name (all languages) and barcode, normalized by
  -- shop/catalog/normalize.ts (lower case, no accents, Mtavruli folded): what search matches
  search_text    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX products_category ON products(category_id);
-- Lists sorted by price or by last change walk these in order; archived rides along so that
-- skipping archived products needs no row reads, whether or not they are shown.
CREATE INDEX products_price ON products(price, archived);
CREATE INDEX products_updated ON products(updated_at, archived);
CREATE INDEX products_archived ON products(archived) WHERE archived = 1;

-- One row per product and language, always: the name a reader of that language sees. \`own\` = 1
-- for the names the shop entered; the others are borrowed (en, else ru, else any), so lists
-- sort and page by name straight off an index, in any language, without computing fallbacks.
CREATE TABLE product_names (
  -- products.seq: the key the search index hands back, and small in every index entry
  product_seq INTEGER NOT NULL REFERENCES products(seq),
  product_id  TEXT NOT NULL REFERENCES products(id), -- the same product, for readers that know only its id
  lang        TEXT NOT NULL CHECK (lang IN ('en','ru','ka','kk','uz')),
  name        TEXT NOT NULL,
  own         INTEGER NOT NULL CHECK (own IN (0,1)),
  -- the name normalized, so lists sort the same way whatever the case or accents
  sort_key    TEXT NOT NULL,
  PRIMARY KEY (product_seq, lang)
) STRICT, WITHOUT ROWID;
CREATE INDEX product_names_sort ON product_names(lang, sort_key);

CREATE TABLE barcodes (
  code       TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products(id),
  symbology  TEXT NOT NULL CHECK (symbology IN ('ean13','ean8','upca','code128','internal')),
  created_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX barcodes_product ON barcodes(product_id);

-- Trigram index over products.search_text (rowid = products.seq), kept in step by triggers.
CREATE VIRTUAL TABLE product_search USING fts5(search_text, content='products', content_rowid='seq', tokenize='trigram');
CREATE TRIGGER products_search_ai AFTER INSERT ON products BEGIN
  INSERT INTO product_search(rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER products_search_au AFTER UPDATE OF search_text ON products BEGIN
  INSERT INTO product_search(product_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
  INSERT INTO product_search(rowid, search_text) VALUES (new.seq, new.search_text);
END;
CREATE TRIGGER products_search_ad AFTER DELETE ON products BEGIN
  INSERT INTO product_search(product_search, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;

CREATE TABLE clients (
  id           TEXT PRIMARY KEY,
  shop_id      TEXT NOT NULL REFERENCES shops(id),
  name         TEXT NOT NULL,
  phone        TEXT,
  email        TEXT,
  -- fixed personal discount in basis points (500 = 5 %)
  discount_bp  INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  note         TEXT,
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX clients_phone ON clients(phone);
`,
};
