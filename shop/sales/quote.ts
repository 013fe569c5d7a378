import type { CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { readerLanguage } from '../catalog/products';
import type { ClientSummary } from '../clients/clients';
import type { Draft } from './draft';
import { roleDiscountLimit } from '../users/roles';
import { lineStock, prepareDraft, productLabel } from './prepare';
import { roundCash } from './rounding';

export interface QuoteLine {
  productId: string;
  /** in the reader's language */
  name: string;
  unit: string;
  quantity: number;
  listPrice: number;
  unitPrice: number;
  /** every discount on the line (markdown, own, client's, share of the sale's) */
  discount: number;
  /** the automatic freshness markdown within discount, and its rule's percent (basis points) */
  markdown: number;
  markdownBp: number | null;
  total: number;
  /** on the shelf now (for a bouquet line: how many its components still make) */
  stock: number;
}

export interface Quote {
  lines: QuoteLine[];
  /** Σ list price × quantity */
  subtotal: number;
  discountTotal: number;
  /** Σ line totals, before cash rounding (what a card pays) */
  total: number;
  /** what cash pays, after the shop's cash rounding */
  cashTotal: number;
  /** cashTotal − total */
  rounding: number;
  /** what the cash part comes to beside the asked-for card amount (rounded as commit will), else cashTotal */
  cashDue: number;
  client: ClientSummary | null;
  /** the discount is beyond the cashier's limit: commit needs an approver's PIN or password (requiredBp as people read it, to 0.1 %) */
  approvalNeeded: { requiredBp: number; limitBp: number } | null;
}

/** Prices a draft for the sale screen; writes nothing. Called after every change on the screen. */
export function quoteDraft(ctx: CallContext, draft: Draft, cardAmount?: number): Quote {
  const session = ctx.session;
  if (!session) throw new AppError('not_signed_in', 'errors:api.notSignedIn');
  const { shop, products, client, priced, markdowns } = prepareDraft(ctx, draft);
  const lang = readerLanguage(ctx);
  const limitBp = roleDiscountLimit(ctx, session.role);
  const cashTotal = roundCash(priced.total, shop.cashRounding);
  return {
    lines: draft.lines.map((line, i) => {
      const p = priced.lines[i];
      const product = products[i];
      if (!p || !product) throw new Error('priced lines out of step with the draft');
      return {
        productId: line.productId,
        name: productLabel(ctx.db, line.productId, lang),
        unit: product.unit,
        quantity: line.quantity,
        listPrice: p.listPrice,
        unitPrice: p.unitPrice,
        discount: p.discount,
        markdown: p.markdown,
        markdownBp: p.markdown > 0 ? (markdowns[i]?.bp ?? null) : null,
        total: p.total,
        stock: lineStock(ctx.db, line, product),
      };
    }),
    subtotal: priced.subtotal,
    discountTotal: priced.discountTotal,
    total: priced.total,
    cashTotal,
    rounding: cashTotal - priced.total,
    cashDue: cardAmount === undefined ? cashTotal : roundCash(Math.max(0, priced.total - cardAmount), shop.cashRounding),
    client,
    approvalNeeded: priced.requiredBp > limitBp ? { requiredBp: priced.discountBp, limitBp } : null,
  };
}
