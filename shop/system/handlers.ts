import { z } from 'zod';
import { handler } from '../api/define';
import { currentShopId } from '../shops/current';

export const systemHandlers = {
  /** What a window needs before anyone signs in: is there a shop yet, and who is signed in here. */
  'system.status': handler({
    access: 'public',
    input: z.object({}).strict(),
    run: (ctx) => ({
      setupDone: currentShopId(ctx.db) !== null,
      session: ctx.session
        ? {
            userId: ctx.session.userId,
            name: ctx.session.name,
            role: ctx.session.role,
            language: ctx.session.language,
            permissions: [...ctx.session.permissions],
          }
        : null,
    }),
  }),
};
