import type { Migration } from './types';
import { m0001 } from './0001_foundation';
import { m0002 } from './0002_stock';
import { m0003 } from './0003_counter';
import { m0004 } from './0004_flowers';

/** Every migration, in order. A guard test checks this list against the files beside it. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004];
