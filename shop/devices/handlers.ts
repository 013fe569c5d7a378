import { z } from 'zod';
import type { ScannerKind, ScannerState } from '../../hardware/scanner/types';
import { handler, type CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { id } from '../api/schemas';
import { scannerServiceFor, standaloneListing } from './service';
import { BAUD_RATES, configOf, saveScannerInput, SILENCE_MS, SUFFIXES, type SaveScannerInput, type ScannerRow } from './settings';

/** Why a device type is off on this PC, for the person (the loader's own error goes along as `detail`). */
const UNAVAILABLE: Record<ScannerKind, string> = {
  serial: 'errors:devices.serialUnavailable',
  hid: 'errors:devices.hidUnavailable',
};

function shopOf(ctx: CallContext): string {
  if (ctx.shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

function requireScanner(ctx: CallContext, scannerId: string): ScannerRow {
  const row = ctx.db.prepare(`SELECT * FROM scanners WHERE id = ? AND shop_id = ?`).get(scannerId, shopOf(ctx)) as ScannerRow | undefined;
  if (!row) throw notFound('scanner');
  return row;
}

function publicScanner(ctx: CallContext, row: ScannerRow) {
  const status = row.archived === 1 ? undefined : scannerServiceFor(ctx.db)?.status(row.id);
  const state: ScannerState | 'off' = row.archived === 1 ? 'off' : (status?.state ?? 'disconnected');
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    settings: configOf(row)?.settings ?? null,
    archived: row.archived === 1,
    state,
    /** The system's own words for a scanner that is not connected (not translated: for the curious and support). */
    ...(status?.detail && state !== 'connected' ? { detail: status.detail } : {}),
    ...(state === 'unavailable' ? { reason: UNAVAILABLE[row.kind] } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One scanner per port and per HID device: two readers of one device would each get half the codes. */
function assertDeviceFree(ctx: CallContext, shopId: string, input: SaveScannerInput): void {
  const others = ctx.db
    .prepare(`SELECT * FROM scanners WHERE shop_id = ? AND kind = ? AND archived = 0 AND id IS NOT ?`)
    .all(shopId, input.kind, input.id ?? null) as ScannerRow[];
  for (const other of others) {
    const config = configOf(other);
    if (!config) continue;
    if (config.kind === 'serial' && input.kind === 'serial' && config.settings.path === input.settings.path) {
      throw new AppError('conflict', 'errors:devices.portTaken', { field: 'settings.path', params: { name: other.name } });
    }
    if (
      config.kind === 'hid' &&
      input.kind === 'hid' &&
      config.settings.vendorId === input.settings.vendorId &&
      config.settings.productId === input.settings.productId &&
      (config.settings.serialNumber ?? '') === (input.settings.serialNumber ?? '')
    ) {
      throw new AppError('conflict', 'errors:devices.deviceTaken', { field: 'settings', params: { name: other.name } });
    }
  }
}

export const devicesHandlers = {
  /** The serial ports and HID devices of this PC, and whether each type works here at all. */
  'devices.ports': handler({
    access: 'devices.manage',
    input: z.object({}).strict(),
    transaction: false,
    async run(ctx) {
      const listing = await (scannerServiceFor(ctx.db)?.listDevices() ?? standaloneListing());
      const types = Object.fromEntries(
        (Object.keys(UNAVAILABLE) as ScannerKind[]).map((kind) => {
          const a = listing.availability[kind];
          return [kind, a.available ? { available: true } : { available: false, reason: UNAVAILABLE[kind], ...(a.detail ? { detail: a.detail } : {}) }];
        }),
      ) as Record<ScannerKind, { available: boolean; reason?: string; detail?: string }>;
      // The form's choices come from here, so the renderer repeats none of the backend's limits.
      const options = { baudRates: [...BAUD_RATES], suffixes: [...SUFFIXES], silenceMs: SILENCE_MS };
      return { serial: listing.serial, hid: listing.hid, types, options };
    },
  }),

  'scanners.list': handler({
    access: 'signedIn',
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    run(ctx, input) {
      const rows = ctx.db
        .prepare(`SELECT * FROM scanners WHERE shop_id = ? AND (archived = 0 OR ?) ORDER BY archived, created_at, id`)
        .all(shopOf(ctx), input.includeArchived ? 1 : 0) as ScannerRow[];
      return rows.map((row) => publicScanner(ctx, row));
    },
  }),

  'scanners.save': handler({
    access: 'devices.manage',
    input: saveScannerInput,
    run(ctx, input) {
      const shopId = shopOf(ctx);
      const at = ctx.now().toISOString();
      if (input.id !== undefined) {
        const row = requireScanner(ctx, input.id);
        if (row.archived === 1) throw new AppError('conflict', 'errors:devices.scannerArchived');
      }
      assertDeviceFree(ctx, shopId, input);
      const scannerId = input.id ?? ctx.newId();
      const settings = JSON.stringify(input.settings);
      if (input.id === undefined) {
        ctx.db
          .prepare(`INSERT INTO scanners (id, shop_id, name, kind, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(scannerId, shopId, input.name, input.kind, settings, at, at);
      } else {
        ctx.db.prepare(`UPDATE scanners SET name = ?, kind = ?, settings = ?, updated_at = ? WHERE id = ?`).run(input.name, input.kind, settings, at, scannerId);
      }
      ctx.audit({ action: 'scanners.save', entity: 'scanner', entityId: scannerId, details: { name: input.name, kind: input.kind, settings: input.settings } });
      ctx.emit({ type: 'devices.changed' });
      scannerServiceFor(ctx.db)?.reload();
      return publicScanner(ctx, requireScanner(ctx, scannerId));
    },
  }),

  'scanners.archive': handler({
    access: 'devices.manage',
    input: z.object({ id }).strict(),
    run(ctx, input) {
      const row = requireScanner(ctx, input.id);
      if (row.archived === 1) return publicScanner(ctx, row);
      ctx.db.prepare(`UPDATE scanners SET archived = 1, updated_at = ? WHERE id = ?`).run(ctx.now().toISOString(), row.id);
      ctx.audit({ action: 'scanners.archive', entity: 'scanner', entityId: row.id, details: { name: row.name } });
      ctx.emit({ type: 'devices.changed' });
      scannerServiceFor(ctx.db)?.reload();
      return publicScanner(ctx, requireScanner(ctx, row.id));
    },
  }),
};
