import { z } from 'zod';
import { handler } from '../api/define';
import { currentShopId } from '../shops/current';
import { sessionSummary } from '../users/session';

/** Receives renderer crashes so they land in the same log as backend errors; set by whoever binds the backend. */
export type ClientErrorSink = (report: { message: string; stack?: string | undefined; where: string }) => void;
let clientErrorSink: ClientErrorSink = () => {};
export function setClientErrorSink(sink: ClientErrorSink): void {
  clientErrorSink = sink;
}

export const systemHandlers = {
  /** What a window needs before anyone signs in: is there a shop yet, and who is signed in here. */
  'system.status': handler({
    access: 'public',
    input: z.object({}).strict(),
    run: (ctx) => ({
      setupDone: currentShopId(ctx.db) !== null,
      session: ctx.session ? sessionSummary(ctx.session) : null,
    }),
  }),

  /** An uncaught error in a window: logged, never shown to anyone else. */
  'system.reportError': handler({
    access: 'public',
    input: z
      .object({ message: z.string().max(2000), stack: z.string().max(20_000).optional(), where: z.string().max(200) })
      .strict(),
    transaction: false,
    run: (_ctx, input) => {
      clientErrorSink(input);
      return null;
    },
  }),
};
