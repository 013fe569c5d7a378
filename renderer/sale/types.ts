import type { Input, Method, Output } from '../../shop/api/contract';

/**
 * The sale screen's view of the sales API (docs: notes/COUNTER.md). While the sales handlers are being
 * written these are the designed shapes; once a method exists in the contract its real output type is
 * used instead (`FromContract`), so a drift between the two shows up as a type error here.
 */
type FromContract<M extends string, Designed> = M extends Method ? Output<M> : Designed;

export type Money = number;

export interface DiscountInput {
  kind: 'percent' | 'amount';
  /** Basis points for a percent (1..10000), minor units for an amount. */
  value: number;
  reason: string;
}

export interface PriceOverride {
  unitPrice: Money;
  reason: string;
}

export interface DraftLineInput {
  productId: string;
  quantity: number;
  priceOverride?: PriceOverride;
  discount?: DiscountInput;
  components?: { productId: string; quantity: number }[];
}

export interface Approval {
  userId: string;
  secret: string;
}

/** What quote, commit and park take: exactly the designed Draft, nothing of the screen's own state. */
export interface DraftInput {
  lines: DraftLineInput[];
  discount?: DiscountInput;
  clientId?: string;
  approval?: Approval;
}

export interface QuoteClient {
  id: string;
  name: string;
  phone: string | null;
  discountBp: number;
}

interface DesignedQuote {
  lines: {
    productId: string;
    name: string;
    unit?: string;
    quantity: number;
    listPrice: Money;
    unitPrice: Money;
    discount: Money;
    total: Money;
    stock: number;
  }[];
  subtotal: Money;
  discountTotal: Money;
  total: Money;
  cashTotal: Money;
  rounding: Money;
  /** the cash part beside the asked-for card amount, rounded as the sale will be */
  cashDue: Money;
  client: QuoteClient | null;
  approvalNeeded: { requiredBp: number; limitBp: number } | null;
}

export type Quote = FromContract<'sales.quote', DesignedQuote>;
export type QuoteLine = Quote['lines'][number];

export type Payment = { method: 'cash'; tendered: Money } | { method: 'card'; amount: Money; reference?: string };

interface DesignedCommit {
  saleId: string;
  number: number;
  total: Money;
  change: Money;
  paid: unknown[];
}
export type CommitResult = FromContract<'sales.commit', DesignedCommit>;

interface DesignedParked {
  id: string;
  label: string | null;
  parkedAt: string;
  parkedBy: string;
  lineCount: number;
  total: Money;
}
export type ParkedSale = FromContract<'sales.parked', DesignedParked[]>[number];

interface DesignedTile {
  position: number;
  productId: string;
  name: string;
  price: Money;
  colour?: string | null;
}
export type Tile = FromContract<'sales.tiles', DesignedTile[]>[number];

export type FoundClient = FromContract<'clients.find', QuoteClient[]>[number];

interface DesignedShift {
  id: string;
  number: number;
  openedAt: string;
  openedBy: string;
  openingFloat: Money;
  salesCount: number;
  salesTotal: Money;
  expectedCash: Money;
}
export type CurrentShift = FromContract<'shifts.current', DesignedShift | null>;

/** The calls this screen makes, with their designed inputs and outputs. */
export interface SaleApi {
  'sales.quote': { input: DraftInput & { cardAmount?: Money }; output: Quote };
  'sales.commit': { input: DraftInput & { payments: Payment[]; print?: boolean; requestId?: string }; output: CommitResult };
  'sales.park': { input: { draft: DraftInput; label?: string }; output: { id: string } };
  'sales.parked': { input: Record<string, never>; output: ParkedSale[] };
  'sales.resume': { input: { id: string }; output: DraftInput };
  'sales.tiles': { input: Record<string, never>; output: Tile[] };
  'sales.setTiles': { input: { productIds: string[] }; output: unknown };
  'clients.find': { input: { query: string }; output: FoundClient[] };
  'shifts.current': { input: Record<string, never>; output: CurrentShift };
  'shifts.denominations': { input: Record<string, never>; output: unknown };
}
export type SaleMethod = keyof SaleApi;

/* The screen's requests fit the backend's inputs, and a resumed draft fits the screen (checked by tsc). */
type Fits<T extends true> = T;
export type CheckedAgainstContract = [
  Fits<SaleApi['sales.quote']['input'] extends Input<'sales.quote'> ? true : false>,
  Fits<SaleApi['sales.commit']['input'] extends Input<'sales.commit'> ? true : false>,
  Fits<SaleApi['sales.park']['input'] extends Input<'sales.park'> ? true : false>,
  Fits<SaleApi['sales.setTiles']['input'] extends Input<'sales.setTiles'> ? true : false>,
  Fits<SaleApi['clients.find']['input'] extends Input<'clients.find'> ? true : false>,
  Fits<Output<'sales.resume'> extends DraftInput ? true : false>,
];
