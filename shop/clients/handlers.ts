import { z } from 'zod';
import { handler } from '../api/define';
import { shopIdOf } from '../shifts/current';
import { findClients } from './find';

/** The clients area's handlers. The client card and its editing come with the CRM issue. */
export const clientsHandlers = {
  /** Up to 20 clients by phone digits (matching the end of the number) or by name, any script. */
  'clients.find': handler({
    access: 'clients.view',
    input: z
      .object({ query: z.string().trim().min(1, 'errors:clients.queryRequired').max(100, 'errors:clients.queryTooLong') })
      .strict(),
    run: (ctx, input) => findClients(ctx.db, shopIdOf(ctx), input.query),
  }),
};
