import type { Database } from 'better-sqlite3';
import { statement } from '../../db/statements';
import { AppError } from '../api/errors';

/** What the counter knows of a client: enough to attach them to a sale and apply their discount. */
export interface ClientSummary {
  id: string;
  name: string;
  phone: string | null;
  /** fixed personal discount, basis points (500 = 5 %) */
  discountBp: number;
}

interface ClientRow {
  id: string;
  name: string;
  phone: string | null;
  discount_bp: number;
}

export const toSummary = (r: ClientRow): ClientSummary => ({ id: r.id, name: r.name, phone: r.phone, discountBp: r.discount_bp });

/** A client of this shop who is not archived, or a refusal naming the field the id came in. */
export function requireClient(db: Database, shopId: string, clientId: string, field = 'clientId'): ClientSummary {
  const row = statement(db, 'SELECT id, name, phone, discount_bp FROM clients WHERE id = ? AND shop_id = ? AND archived = 0').get(
    clientId,
    shopId,
  ) as ClientRow | undefined;
  if (!row) throw new AppError('not_found', 'errors:clients.notFound', { field });
  return toSummary(row);
}
