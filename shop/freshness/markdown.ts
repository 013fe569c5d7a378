import type { Database } from 'better-sqlite3';

/** The freshness markdown on one sale line: minor units off, and the rule's percent for the receipt. */
export interface LineMarkdown {
  amount: number;
  /** the percent (basis points) of the rule that applied, or null when none did */
  bp: number | null;
}

export const NO_MARKDOWN: LineMarkdown = { amount: 0, bp: null };

/**
 * The automatic markdown for selling `quantity` of a product at `unitPrice` now: the units FIFO
 * will take from lots old enough for a markdown rule get that rule's percent off.
 * Placeholder until the freshness area fills it in (issue 4): no markdown.
 */
export function lineMarkdown(
  _db: Database,
  _input: { shopId: string; productId: string; quantity: number; unitPrice: number; now: Date },
): LineMarkdown {
  return NO_MARKDOWN;
}
