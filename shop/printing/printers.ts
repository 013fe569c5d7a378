import type { Database } from 'better-sqlite3';
import type { PrinterConfig } from '../../hardware/printer/types';
import { EPSON_CODE_PAGE_NUMBERS, type CodePageNumbers } from '../../hardware/printer/codepages';
import { DRAWER_PULSE_DEFAULT } from '../../hardware/printer/escpos';

export interface PrinterRow {
  id: string;
  shop_id: string;
  name: string;
  transport: 'tcp' | 'serial' | 'os';
  address: string;
  baud: number | null;
  paper_mm: number;
  settings: string;
  is_default: number;
  archived: number;
  created_at: string;
  updated_at: string;
}

/** What `printers.settings` holds (JSON): the parts of a printer's setup that are not columns. */
export interface PrinterSettings {
  rk1048: boolean;
  /** `ESC t` numbers where this printer differs from Epson's (empty = Epson's). */
  codePageNumbers: CodePageNumbers;
  drawer: { pin: 0 | 1; t1: number; t2: number };
}

export const DEFAULT_TCP_PORT = 9100;

export function parseSettings(json: string): PrinterSettings {
  let raw: Partial<PrinterSettings> = {};
  try {
    raw = JSON.parse(json) as Partial<PrinterSettings>;
  } catch {
    // a damaged settings column prints with the defaults rather than not at all
  }
  return {
    rk1048: raw.rk1048 === true,
    codePageNumbers: raw.codePageNumbers ?? {},
    drawer: {
      pin: raw.drawer?.pin === 1 ? 1 : 0,
      t1: raw.drawer?.t1 ?? DRAWER_PULSE_DEFAULT.t1,
      t2: raw.drawer?.t2 ?? DRAWER_PULSE_DEFAULT.t2,
    },
  };
}

/** "tcp://10.0.0.5:9100", "10.0.0.5:9100" or "10.0.0.5" → host and port; null when it is none of those. */
export function parseTcpAddress(address: string): { host: string; port: number } | null {
  const m = /^(?:tcp:\/\/)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?\/?$/.exec(address.trim());
  if (!m?.[1]) return null;
  const port = m[2] === undefined ? DEFAULT_TCP_PORT : Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

export function normalizeTcpAddress(address: string): string | null {
  const parsed = parseTcpAddress(address);
  if (!parsed) return null;
  const host = parsed.host.includes(':') ? `[${parsed.host}]` : parsed.host;
  return `tcp://${host}:${parsed.port}`;
}

/** The driver's view of a printer row. */
export function printerConfig(row: PrinterRow): PrinterConfig {
  const settings = parseSettings(row.settings);
  const transport: PrinterConfig['transport'] =
    row.transport === 'tcp'
      ? { kind: 'tcp', ...(parseTcpAddress(row.address) ?? { host: row.address, port: DEFAULT_TCP_PORT }) }
      : row.transport === 'serial'
        ? { kind: 'serial', path: row.address, baud: row.baud ?? 9600 }
        : { kind: 'os', name: row.address };
  return {
    transport,
    paperMm: row.paper_mm === 58 ? 58 : 80,
    rk1048: settings.rk1048,
    codePageNumbers: { ...EPSON_CODE_PAGE_NUMBERS, ...settings.codePageNumbers },
    drawer: settings.drawer,
  };
}

export function printerView(row: PrinterRow) {
  const settings = parseSettings(row.settings);
  return {
    id: row.id,
    name: row.name,
    transport: row.transport,
    address: row.address,
    baud: row.baud,
    paperMm: row.paper_mm === 58 ? (58 as const) : (80 as const),
    rk1048: settings.rk1048,
    codePageNumbers: settings.codePageNumbers,
    drawer: settings.drawer,
    isDefault: row.is_default === 1,
    archived: row.archived === 1,
  };
}

export type PrinterView = ReturnType<typeof printerView>;

export function printerRow(db: Database, id: string): PrinterRow | undefined {
  return db.prepare('SELECT * FROM printers WHERE id = ?').get(id) as PrinterRow | undefined;
}
