import type { Migration } from './types';
import { m0001 } from './0001_foundation';

/** Every migration, in order. A guard test checks this list against the files beside it. */
export const MIGRATIONS: readonly Migration[] = [m0001];
