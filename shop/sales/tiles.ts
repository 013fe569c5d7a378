import { statement } from '../../db/statements';
import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { readerLanguage } from '../catalog/products';
import { productNotFound } from '../catalog/products';
import { shopIdOf } from '../shifts/current';
import { productLabel } from './prepare';

export const MAX_TILES = 48;

export interface Tile {
  position: number;
  productId: string;
  /** in the reader's language */
  name: string;
  price: number;
  unit: string;
  /** the product's colour code (catalog colours), for the tile's swatch */
  colour: string | null;
}

/** The sale screen's favourite products in order; archived products drop out until restored. */
export function listTiles(ctx: CallContext): Tile[] {
  const lang = readerLanguage(ctx);
  const rows = statement(
    ctx.db,
    `SELECT t.position, p.id, p.price, p.unit, p.colour FROM quick_tiles t JOIN products p ON p.id = t.product_id
      WHERE t.shop_id = ? AND p.archived = 0 ORDER BY t.position`,
  ).all(shopIdOf(ctx)) as { position: number; id: string; price: number; unit: string; colour: string | null }[];
  return rows.map((r) => ({
    position: r.position,
    productId: r.id,
    name: productLabel(ctx.db, r.id, lang),
    price: r.price,
    unit: r.unit,
    colour: r.colour,
  }));
}

/** Replaces the whole set of tiles, in the order given. */
export function setTiles(ctx: CallContext, shopId: string, productIds: readonly string[]): void {
  const seen = new Set<string>();
  productIds.forEach((productId, i) => {
    const row = statement(ctx.db, 'SELECT archived FROM products WHERE id = ?').get(productId) as { archived: number } | undefined;
    if (!row || row.archived === 1) throw productNotFound(`productIds.${i}`);
    if (seen.has(productId)) throw new AppError('invalid_input', 'errors:sales.tileTwice', { field: `productIds.${i}` });
    seen.add(productId);
  });
  statement(ctx.db, 'DELETE FROM quick_tiles WHERE shop_id = ?').run(shopId);
  const insert = statement(ctx.db, 'INSERT INTO quick_tiles (shop_id, position, product_id) VALUES (?, ?, ?)');
  productIds.forEach((productId, position) => insert.run(shopId, position, productId));
}

/** The demo shop's tiles: what a florist's counter sells all day, by the products' English names. */
export const DEMO_TILE_NAMES = [
  'Rose Ecuador Freedom red 60 cm',
  'Rose Ecuador Avalanche white 60 cm',
  'Rose Ecuador Pink Floyd pink 60 cm',
  'Local rose red 50 cm',
  'Spray rose Lydia pink 50 cm',
  'Tulip Ile de France red',
  'Chrysanthemum Antonov white 70 cm',
  'Lisianthus Rosita white',
  'Gerbera red',
  'Eucalyptus Cinerea',
  'Kraft paper',
  'Greeting card',
] as const;

/** Called by the demo seed once its catalogue is in (a name not in the catalogue is skipped, never an error). */
export function seedDemoTiles(ctx: CallContext, shopId: string): void {
  const find = statement(
    ctx.db,
    `SELECT p.id FROM products p JOIN product_names n ON n.product_seq = p.seq AND n.lang = 'en' AND n.own = 1
      WHERE n.name = ? AND p.archived = 0 ORDER BY p.seq LIMIT 1`,
  );
  const ids = DEMO_TILE_NAMES.map((name) => (find.get(name) as { id: string } | undefined)?.id).filter(
    (id): id is string => id !== undefined,
  );
  setTiles(ctx, shopId, ids);
}
