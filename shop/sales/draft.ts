import { z } from 'zod';
import { id, MAX_MONEY } from '../api/schemas';

/**
 * The sale being rung up, as the sale screen holds it: what quote prices, commit posts and park
 * stores. Every limit is here, with messages a cashier can act on.
 */
export const MAX_LINES = 200;
export const MAX_QUANTITY = 10_000;
export const MAX_COMPONENTS = 100;
export const MAX_PAYMENTS = 4;

const quantityMessage = 'errors:sales.quantityInvalid';
export const quantity = z
  .number(quantityMessage)
  .int(quantityMessage)
  .min(1, quantityMessage)
  .max(MAX_QUANTITY, quantityMessage);

const priceMessage = 'errors:sales.priceInvalid';
const unitPrice = z.number(priceMessage).int(priceMessage).min(0, priceMessage).max(MAX_MONEY, priceMessage);

export const reason = z
  .string('errors:sales.reasonRequired')
  .trim()
  .min(1, 'errors:sales.reasonRequired')
  .max(200, 'errors:sales.reasonTooLong');

const percentMessage = 'errors:sales.percentInvalid';
const amountMessage = 'errors:sales.discountAmountInvalid';
export const discount = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('percent'),
      /** basis points: 1 = 0.01 %, 10000 = 100 % */
      value: z.number(percentMessage).int(percentMessage).min(1, percentMessage).max(10_000, percentMessage),
      reason,
    })
    .strict(),
  z
    .object({
      kind: z.literal('amount'),
      value: z.number(amountMessage).int(amountMessage).min(1, amountMessage).max(MAX_MONEY, amountMessage),
      reason,
    })
    .strict(),
]);

export const draftLine = z
  .object({
    productId: id,
    quantity,
    priceOverride: z.object({ unitPrice, reason }).strict().optional(),
    discount: discount.optional(),
    /** A bouquet made at the counter: the line's stock is these components, per bouquet. */
    components: z
      .array(z.object({ productId: id, quantity }).strict())
      .min(1, 'errors:sales.componentsEmpty')
      .max(MAX_COMPONENTS, 'errors:sales.tooManyComponents')
      .optional(),
  })
  .strict();

export const approval = z
  .object({
    userId: id,
    secret: z.string().min(1, 'errors:sales.approvalSecretRequired').max(200),
  })
  .strict();

const draftShape = {
  lines: z.array(draftLine).min(1, 'errors:sales.noLines').max(MAX_LINES, 'errors:sales.tooManyLines'),
  discount: discount.optional(),
  clientId: id.optional(),
  approval: approval.optional(),
};

export const draft = z.object(draftShape).strict();
export type Draft = z.output<typeof draft>;

/** A quote may ask what cash comes to beside a card payment of this much (split payment on the screen). */
export const quoteInput = z
  .object({
    ...draftShape,
    cardAmount: z.number('errors:sales.paymentInvalid').int('errors:sales.paymentInvalid').min(0, 'errors:sales.paymentInvalid').max(MAX_MONEY, 'errors:sales.paymentInvalid').optional(),
  })
  .strict();
export type DraftLine = z.output<typeof draftLine>;

const tenderedMessage = 'errors:sales.paymentInvalid';
export const payment = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('cash'),
      tendered: z.number(tenderedMessage).int(tenderedMessage).min(0, tenderedMessage).max(MAX_MONEY, tenderedMessage),
    })
    .strict(),
  z
    .object({
      method: z.literal('card'),
      amount: z.number(tenderedMessage).int(tenderedMessage).min(1, tenderedMessage).max(MAX_MONEY, tenderedMessage),
      /** the terminal's approval code or slip number */
      reference: z.string().trim().min(1).max(64).optional(),
    })
    .strict(),
]);
export type Payment = z.output<typeof payment>;

export const commitInput = z
  .object({
    ...draftShape,
    payments: z.array(payment).min(1, 'errors:sales.paymentRequired').max(MAX_PAYMENTS, 'errors:sales.tooManyPayments'),
    /** false: no receipt (the customer declined one); the sale is the same */
    print: z.boolean().optional(),
    /** the screen's id for this payment: sent again (lost answer, double press), it answers the sale already posted */
    requestId: id.optional(),
  })
  .strict();
export type CommitInput = z.output<typeof commitInput>;
