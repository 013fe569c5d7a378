import type { Output } from '../../shop/api/contract';

/** What the shift screens read from the backend (shop/shifts). */
export type CurrentShift = NonNullable<Output<'shifts.current'>>;
export type ShiftReport = Output<'shifts.report'>;
export type ReportListItem = Output<'shifts.reports'>[number];
export type Denominations = Output<'shifts.denominations'>;

// TEMPORARY while shop/returns and shop/journal are being written: loose calls, replaced by the typed
// `call`/`useApi` (Output<M>) as soon as those handlers land.
import { call } from '../api/client';
import { useApi, type Loaded } from '../api/hooks';
import type { BackendEvent } from '../../shop/api/contract';
export const looseCall = call as unknown as <T>(method: string, input: unknown) => Promise<T>;
export const useLooseApi = useApi as unknown as <T>(method: string, input: unknown, refreshOn?: readonly BackendEvent['type'][]) => Loaded<T>;
