import { z } from 'zod';
import type { ScannerConfig } from '../../hardware/scanner/types';
import { id, shortText } from '../api/schemas';

/** Rates serial scanners ship with; 9600 is the usual factory setting. */
export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const SUFFIXES = ['cr', 'lf', 'crlf', 'tab', 'none'] as const;
/** Silence that ends a code without suffix: above a slow USB adapter's gaps, below a person's next scan. */
export const SILENCE_MS = { min: 10, max: 2000, default: 50 } as const;

export const serialSettings = z
  .object({
    path: shortText(300),
    baudRate: z
      .number()
      .int()
      .refine((n) => (BAUD_RATES as readonly number[]).includes(n), 'errors:devices.baudInvalid')
      .default(9600),
    suffix: z.enum(SUFFIXES).default('cr'),
    silenceMs: z.number().int().min(SILENCE_MS.min, 'errors:devices.silenceInvalid').max(SILENCE_MS.max, 'errors:devices.silenceInvalid').default(SILENCE_MS.default),
  })
  .strict();

const usbId = z.number().int().min(0).max(0xffff);
export const hidSettings = z
  .object({
    vendorId: usbId,
    productId: usbId,
    serialNumber: shortText(200).optional(),
  })
  .strict();

const name = shortText(100);

export const saveScannerInput = z.discriminatedUnion('kind', [
  z.object({ id: id.optional(), name, kind: z.literal('serial'), settings: serialSettings }).strict(),
  z.object({ id: id.optional(), name, kind: z.literal('hid'), settings: hidSettings }).strict(),
]);
export type SaveScannerInput = z.output<typeof saveScannerInput>;

export interface ScannerRow {
  id: string;
  shop_id: string;
  name: string;
  kind: 'serial' | 'hid';
  settings: string;
  archived: number;
  created_at: string;
  updated_at: string;
}

/** A stored row as the driver wants it; null for settings that no longer parse (never written by us). */
export function configOf(row: ScannerRow): ScannerConfig | null {
  const raw: unknown = JSON.parse(row.settings);
  if (row.kind === 'serial') {
    const s = serialSettings.safeParse(raw);
    return s.success ? { id: row.id, kind: 'serial', settings: s.data } : null;
  }
  const h = hidSettings.safeParse(raw);
  return h.success ? { id: row.id, kind: 'hid', settings: h.data } : null;
}
