import type { z } from 'zod';
import type { handlers } from './handlers';

/**
 * Types only: what the renderer may know of the API. Imported with `import type`, so no backend
 * code reaches the renderer bundle (the import-rule check allows type-only imports of this file).
 */
export type Handlers = typeof handlers;
export type Method = keyof Handlers & string;
export type Input<M extends Method> = z.input<Handlers[M]['input']>;
export type Output<M extends Method> = ReturnType<Handlers[M]['run']> extends Promise<infer T> ? T : ReturnType<Handlers[M]['run']>;
export type { ApiErrorBody, ApiResult, ErrorCode } from './errors';
export type { BackendEvent } from './define';
