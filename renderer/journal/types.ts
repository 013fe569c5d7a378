import type { Output } from '../../shop/api/contract';

/** One sale or return as the journal's detail shows it (shop/journal/entry.ts). */
export type JournalEntry = Output<'journal.get'>;
