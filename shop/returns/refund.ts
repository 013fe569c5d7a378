import { roundCash } from '../sales/rounding';

/**
 * How much a return gives back, and by which method. Pure integer arithmetic, no database.
 *
 * Per line the refund is cumulative: after returning r of n units the customer has had back
 * ⌊total × r / n⌋ in all, so the shares of partial returns never add up to more than the line
 * cost and returning the last unit gives back exactly what is left of the line's total.
 */
export interface LineSoFar {
  /** the sold line: quantity and what it cost after every discount */
  quantity: number;
  total: number;
  /** units and money already given back by earlier returns */
  returnedQuantity: number;
  refunded: number;
}

export function lineRefund(line: LineSoFar, quantity: number): number {
  const after = line.returnedQuantity + quantity;
  if (after >= line.quantity) return Math.max(0, line.total - line.refunded);
  return Math.max(0, Math.floor((line.total * after) / line.quantity) - line.refunded);
}

export interface MethodsSoFar {
  /** what the sale was paid by each method, and what earlier returns gave back by it */
  cardPaid: number;
  cardRefunded: number;
  cashPaid: number;
  cashRefunded: number;
}

export interface RefundSplit {
  card: number;
  cash: number;
  /** signed: what cash rounding (or settling the sale's own rounding) added to the line refunds */
  rounding: number;
  /** card + cash: what the customer gets back */
  total: number;
}

/**
 * Splits a refund over the methods the sale was paid with: card first, up to what the card paid
 * and has not yet had back, the rest in cash. Card first because the card refund goes back to the
 * account that paid, which is traceable; giving cash for goods bought by card is the classic way
 * to turn a stolen or company card into cash, and it empties the drawer for no reason.
 *
 * The cash part is rounded to the shop's cash step (the drawer has no smaller coins), never beyond
 * the cash the sale took. When this return gives back the last of the sale, the refund is simply
 * what is left of each method: so a sale returned in full, at once or in parts, gives back exactly
 * what was paid, including its own cash rounding.
 */
export function splitRefund(lineSum: number, paid: MethodsSoFar, cashStep: number, completesSale: boolean): RefundSplit {
  const cardLeft = Math.max(0, paid.cardPaid - paid.cardRefunded);
  const cashLeft = Math.max(0, paid.cashPaid - paid.cashRefunded);
  if (completesSale) {
    return { card: cardLeft, cash: cashLeft, rounding: cardLeft + cashLeft - lineSum, total: cardLeft + cashLeft };
  }
  const card = Math.min(lineSum, cardLeft);
  const cashDue = lineSum - card;
  const cash = Math.min(cashDue > 0 ? roundCash(cashDue, cashStep) : 0, cashLeft);
  return { card, cash, rounding: card + cash - lineSum, total: card + cash };
}
