import type { CallContext } from '../api/define';

/**
 * Demo clients go straight into the clients table: there is no clients area yet (a later issue
 * builds it). When it exists, this should call its createClient instead.
 */
export interface DemoClient {
  name: string;
  /** E.164, the one spelling a phone lookup can rely on. */
  phone: string;
  email?: string;
  /** Personal discount in basis points (500 = 5 %). */
  discountBp?: number;
  note?: string;
}

export function insertDemoClient(ctx: CallContext, shopId: string, client: DemoClient): string {
  const id = ctx.newId();
  const at = ctx.now().toISOString();
  ctx.db
    .prepare(
      `INSERT INTO clients (id, shop_id, name, phone, email, discount_bp, note, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, shopId, client.name, client.phone, client.email ?? null, client.discountBp ?? 0, client.note ?? null, at, at);
  return id;
}
