import { z } from 'zod';
import { handler } from '../api/define';
import { id } from '../api/schemas';
import { readJournalEntry, type JournalEntry } from './entry';
import { listJournal, type JournalPage } from './list';

/** A date (YYYY-MM-DD) or an ISO date-time; the range check and the conversion live in list.ts. */
const when = z.string('errors:journal.dateInvalid').trim().min(10, 'errors:journal.dateInvalid').max(40, 'errors:journal.dateInvalid');

/** The sales journal: every sale and return, of this shift and of past days (notes/COUNTER.md "journal"). */
export const journalHandlers = {
  'journal.list': handler({
    access: 'journal.view',
    input: z
      .object({
        from: when.optional(),
        to: when.optional(),
        cashierId: id.optional(),
        clientId: id.optional(),
        method: z.enum(['cash', 'card']).optional(),
        productId: id.optional(),
        kind: z.enum(['sale', 'return']).optional(),
        shiftId: id.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        before: z.object({ at: when, id }).strict().optional(),
      })
      .strict(),
    run: (ctx, input): JournalPage => listJournal(ctx, input),
  }),

  'journal.get': handler({
    access: 'journal.view',
    input: z.object({ id }).strict(),
    run: (ctx, input): JournalEntry => readJournalEntry(ctx, input.id),
  }),
};
