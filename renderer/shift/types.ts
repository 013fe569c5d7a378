import type { Output } from '../../shop/api/contract';

/** What the shift screens read from the backend (shop/shifts). */
export type CurrentShift = NonNullable<Output<'shifts.current'>>;
export type ShiftReport = Output<'shifts.report'>;
export type ReportListItem = Output<'shifts.reports'>[number];
export type Denominations = Output<'shifts.denominations'>;
