import { z } from 'zod';
import { handler, type CallContext } from '../api/define';
import { AppError, notFound } from '../api/errors';
import { id } from '../api/schemas';
import { createLabelBatch, labelSet, MAX_LABELS } from '../printing/labels';
import { printerRow } from '../printing/printers';
import { defaultPrinterId, enqueuePrint } from '../printing/queue';
import { arrivalInput, postArrival } from './post';
import { arrivalLabelLines, arrivalListInput, getArrival, listArrivals } from './read';
import { archiveSupplier, listSuppliers, packInput, removePack, saveSupplier, setPack, supplierInput, supplierPacks } from './suppliers';

const labelCopies = z
  .union([z.literal('perLine'), z.literal('perStem'), z.number().int().min(1, 'errors:arrivals.copiesInvalid').max(MAX_LABELS, 'errors:arrivals.copiesInvalid')])
  .default('perLine');

function shopOf(ctx: CallContext): string {
  if (!ctx.shopId) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

/** The API of arrivals, suppliers and price labels. */
export const arrivalsHandlers = {
  'suppliers.list': handler({
    access: 'catalog.view',
    input: z.object({ includeArchived: z.boolean().optional() }).strict(),
    run: (ctx, input) => listSuppliers(ctx, input),
  }),

  /** Creates (no id) or updates a supplier; saving an archived one brings it back. */
  'suppliers.save': handler({
    access: 'stock.receive',
    input: supplierInput,
    run: (ctx, input) => saveSupplier(ctx, input),
  }),

  'suppliers.archive': handler({
    access: 'stock.receive',
    input: z.object({ id }).strict(),
    run: (ctx, input) => ({ archived: archiveSupplier(ctx, input.id) }),
  }),

  'suppliers.packs': handler({
    access: 'catalog.view',
    input: z.object({ supplierId: id }).strict(),
    run: (ctx, input) => supplierPacks(ctx, input.supplierId),
  }),

  'suppliers.setPack': handler({
    access: 'stock.receive',
    input: packInput,
    run: (ctx, input) => {
      setPack(ctx, input);
      return supplierPacks(ctx, input.supplierId);
    },
  }),

  'suppliers.removePack': handler({
    access: 'stock.receive',
    input: z.object({ supplierId: id, productId: id }).strict(),
    run: (ctx, input) => ({ removed: removePack(ctx, input.supplierId, input.productId) }),
  }),

  /** Posts a goods receipt: one lot per line at the arrival date and cost. A repeated requestId answers the first post. */
  'arrivals.post': handler({
    access: 'stock.receive',
    input: arrivalInput,
    run: (ctx, input) => postArrival(ctx, input),
  }),

  'arrivals.list': handler({
    access: 'stock.receive',
    input: arrivalListInput,
    run: (ctx, input) => listArrivals(ctx, input),
  }),

  'arrivals.get': handler({
    access: 'stock.receive',
    input: z.object({ id }).strict(),
    run: (ctx, input) => getArrival(ctx, input.id),
  }),

  /** What the A4 label sheet shows: name, price (minor units, the shop's currency), barcode and how to draw it. */
  'arrivals.labelSheet': handler({
    access: 'stock.receive',
    input: z.object({ arrivalId: id, copies: labelCopies }).strict(),
    run: (ctx, input) => {
      const set = labelSet(ctx.db, shopOf(ctx), arrivalLabelLines(ctx, input.arrivalId, input.copies));
      if (set.total > MAX_LABELS) {
        throw new AppError('invalid_input', 'errors:arrivals.tooManyLabels', { field: 'copies', params: { count: set.total, max: MAX_LABELS } });
      }
      return set;
    },
  }),

  /** Queues the labels on the receipt/label printer (the default one unless named). */
  'arrivals.printLabels': handler({
    access: 'stock.receive',
    input: z.object({ arrivalId: id, copies: labelCopies, printerId: id.optional() }).strict(),
    run: (ctx, input) => {
      const shopId = shopOf(ctx);
      const lines = arrivalLabelLines(ctx, input.arrivalId, input.copies);
      let printerId = input.printerId;
      if (printerId !== undefined) {
        const printer = printerRow(ctx.db, printerId);
        if (!printer || printer.shop_id !== shopId || printer.archived) throw notFound('printer', 'printerId');
      } else {
        printerId = defaultPrinterId(ctx.db, shopId) ?? undefined;
        if (printerId === undefined) throw new AppError('conflict', 'errors:printing.noPrinter');
      }
      const { batchId, total } = createLabelBatch(ctx, shopId, lines, input.arrivalId);
      const jobId = enqueuePrint(ctx, { documentType: 'labels', documentId: batchId, printerId });
      ctx.audit({
        action: 'arrivals.labelsPrinted',
        entity: 'arrival',
        entityId: input.arrivalId,
        details: { labels: total, copies: input.copies, printerId, jobId },
      });
      return { jobId, labels: total };
    },
  }),

  /** The sheet was sent to the PC's printer (window.print): recorded like a printer job. */
  'arrivals.sheetPrinted': handler({
    access: 'stock.receive',
    input: z.object({ arrivalId: id, labels: z.number().int().min(1).max(MAX_LABELS) }).strict(),
    run: (ctx, input) => {
      getArrival(ctx, input.arrivalId);
      ctx.audit({ action: 'arrivals.labelsPrinted', entity: 'arrival', entityId: input.arrivalId, details: { labels: input.labels, sheet: true } });
      return { ok: true };
    },
  }),
};
