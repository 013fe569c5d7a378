import { z } from 'zod';
import { handler, type CallContext } from '../api/define';
import { AppError } from '../api/errors';
import { id } from '../api/schemas';
import { readerLanguage } from '../catalog/products';
import { readOpenCount } from '../counts/scope';
import { exportProductList } from './export';
import { importTerminalFile, importForRequest, previewTerminalFile } from './import';
import { TERMINAL_ENCODINGS, TERMINAL_SEPARATORS } from './parse';
import { terminalUploadsFor, type UploadState } from './uploads';

/** The API of data-collection terminals: file import, serial upload, product list export (notes/FLOWERS.md "terminals"). */

/** A terminal file: 20 MB is far past any terminal's memory (base64 is 4/3 of that). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const contentBase64 = z
  .string()
  .max(Math.ceil(MAX_FILE_BYTES / 3) * 4, 'errors:terminals.fileTooLarge')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'errors:terminals.notBase64');
const encoding = z.enum(['auto', ...TERMINAL_ENCODINGS]).default('auto');
const separator = z.enum(['auto', ...TERMINAL_SEPARATORS]).default('auto');
const fileName = z.string().trim().max(255).optional();
/** Serial speeds terminals' cradles use. */
export const TERMINAL_BAUD_RATES = [9600, 19200, 38400, 57600, 115200] as const;

function shopOf(ctx: CallContext): string {
  if (ctx.shopId === null) throw new AppError('conflict', 'errors:shops.notSetUp');
  return ctx.shopId;
}

function bytesOf(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_FILE_BYTES) throw new AppError('too_large', 'errors:terminals.fileTooLarge', { field: 'contentBase64' });
  return bytes;
}

function uploads(ctx: CallContext) {
  const service = terminalUploadsFor(ctx.db);
  if (!service) throw new AppError('conflict', 'errors:terminals.serialUnavailable', { params: { detail: 'no upload service' } });
  return service;
}

/** The finished upload's bytes, or a refusal saying why there are none yet. */
function uploadedBytes(upload: UploadState): Uint8Array {
  if (!upload.done) throw new AppError('conflict', 'errors:terminals.uploadNotDone', { field: 'uploadId', params: { lines: upload.lines } });
  // a cut-off upload would count part of the shop: refused whole, like a file too large
  if (upload.ended === 'tooLarge') throw new AppError('too_large', 'errors:terminals.fileTooLarge', { field: 'uploadId' });
  if (!upload.bytes || upload.bytes.length === 0) {
    const key = upload.ended === 'timeout' ? 'uploadTimedOut' : upload.ended === 'gone' ? 'uploadGone' : 'empty';
    throw new AppError('invalid_input', `errors:terminals.${key}`, { field: 'uploadId', params: { detail: upload.detail ?? '' } });
  }
  return upload.bytes;
}

function uploadStatus(upload: UploadState) {
  return { uploadId: upload.id, countId: upload.countId, lines: upload.lines, done: upload.done, ended: upload.ended };
}

export const terminalsHandlers = {
  /** What a file would add to the count: matched products, unknown barcodes, bad lines. Writes nothing. */
  'terminals.preview': handler({
    access: 'stock.count',
    input: z.object({ countId: id, fileName, contentBase64, encoding, separator }).strict(),
    run: (ctx, input) => previewTerminalFile(ctx, input.countId, bytesOf(input.contentBase64), input),
  }),

  /** Adds the file's matched lines to the count (re-read here: the file is the truth, not the screen). */
  'terminals.import': handler({
    access: 'stock.count',
    input: z.object({ countId: id, fileName, contentBase64, encoding, separator, requestId: id.optional() }).strict(),
    run: (ctx, input) =>
      importTerminalFile(ctx, {
        countId: input.countId,
        bytes: bytesOf(input.contentBase64),
        options: input,
        source: 'file',
        requestId: input.requestId,
        fileName: input.fileName,
      }),
  }),

  /** The product list a terminal loads: barcode;name;price in the chosen encoding and separator. */
  'terminals.exportProducts': handler({
    access: 'catalog.view',
    input: z
      .object({
        encoding: z.enum(TERMINAL_ENCODINGS).default('utf-8'),
        separator: z.enum(TERMINAL_SEPARATORS).default(';'),
        header: z.boolean().default(false),
        categoryId: id.optional(),
      })
      .strict(),
    run: (ctx, input) =>
      exportProductList(ctx.db, { ...input, lang: readerLanguage(ctx), today: ctx.now() }),
  }),

  /**
   * The serial ports a cradle may be on, for the people who count (devices.ports is for whoever sets
   * up devices). `available: false` with `reason`: serial ports do not work on this PC at all.
   */
  'terminals.ports': handler({
    access: 'stock.count',
    transaction: false,
    input: z.object({}).strict(),
    async run(ctx) {
      const listing = await uploads(ctx).ports();
      return {
        ...listing,
        ...(listing.available ? {} : { reason: 'errors:terminals.serialUnavailable' }),
        baudRates: [...TERMINAL_BAUD_RATES],
      };
    },
  }),

  /**
   * Opens the port the terminal's cradle is on and waits for its upload; progress and the end arrive as
   * `terminal.upload` events. Nothing is written: the upload is previewed and confirmed like a file.
   */
  'terminals.listen': handler({
    access: 'stock.count',
    transaction: false,
    input: z
      .object({
        countId: id,
        path: z.string().trim().min(1).max(255),
        baudRate: z.number().int().refine((b) => (TERMINAL_BAUD_RATES as readonly number[]).includes(b), 'errors:terminals.baudRate'),
      })
      .strict(),
    async run(ctx, input) {
      const shopId = shopOf(ctx);
      readOpenCount(ctx, input.countId);
      const uploadId = ctx.newId();
      await uploads(ctx).listen({ id: uploadId, shopId, countId: input.countId, path: input.path, baudRate: input.baudRate });
      return { uploadId };
    },
  }),

  /** The upload's state, and once it is done, its preview (the same shape as terminals.preview). */
  'terminals.upload': handler({
    access: 'stock.count',
    transaction: false,
    input: z.object({ uploadId: id }).strict(),
    run(ctx, input) {
      const upload = uploads(ctx).get(input.uploadId, shopOf(ctx));
      const bytes = uploadedBytes(upload);
      return { ...uploadStatus(upload), preview: previewTerminalFile(ctx, upload.countId, bytes, {}) };
    },
  }),

  /** Stops listening and forgets the upload (nothing was written). */
  'terminals.cancel': handler({
    access: 'stock.count',
    transaction: false,
    input: z.object({ uploadId: id }).strict(),
    run(ctx, input) {
      uploads(ctx).cancel(input.uploadId, shopOf(ctx));
      return { cancelled: true };
    },
  }),

  /** Adds a finished upload's matched lines to the count, as terminals.import does for a file. */
  'terminals.importUpload': handler({
    access: 'stock.count',
    input: z.object({ uploadId: id, countId: id, requestId: id.optional() }).strict(),
    run(ctx, input) {
      if (input.requestId !== undefined) {
        const first = importForRequest(ctx, input.requestId);
        if (first) return first;
      }
      const service = uploads(ctx);
      const upload = service.get(input.uploadId, shopOf(ctx));
      const result = importTerminalFile(ctx, {
        countId: input.countId,
        bytes: uploadedBytes(upload),
        options: {},
        source: 'serial',
        requestId: input.requestId,
      });
      // After the commit: a refusal above leaves the upload there to fix and try again.
      setImmediate(() => service.forget(upload.id));
      return result;
    },
  }),
};
