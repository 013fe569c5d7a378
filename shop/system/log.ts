import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

/** Rotation: a new file every day or at 10 MB, whichever comes first; two weeks of files kept. */
export const LOG_ROTATION = { interval: '1d', size: '10M', maxFiles: 14 } as const;
export const LOG_FILE = 'posy.log';

export interface AppLog {
  readonly logger: Logger;
  readonly dir: string;
  /** For BackendOptions.log: a handler threw something that was not an AppError. */
  backendError(error: unknown, method: string): void;
  /** For setClientErrorSink: a window reported an uncaught error. */
  clientError(report: { message: string; stack?: string | undefined; where: string }): void;
  /** Flushes and closes the file (call last on shutdown). */
  close(): Promise<void>;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** posy.log is the live file; rotated ones are posy-YYYYMMDD-N.log so they sort by date. */
export function rotatedName(time: number | Date | null, index?: number): string {
  if (!time) return LOG_FILE;
  const d = typeof time === 'number' ? new Date(time) : time;
  return `posy-${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${index ?? 1}.log`;
}

/**
 * One log per data folder, shared by the backend, the window binding and the renderer's reports,
 * so a shop owner can send one folder when something went wrong.
 */
export function openLog(opts: {
  dataDir: string;
  level?: string;
  teeToStdout?: boolean;
  /** Tests shrink these to see a rotation happen. */
  rotation?: { interval?: string; size?: string; maxFiles?: number };
}): AppLog {
  const rotation = { ...LOG_ROTATION, ...opts.rotation };
  const dir = join(opts.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const stream: RotatingFileStream = createStream(rotatedName, {
    path: dir,
    interval: rotation.interval,
    size: rotation.size,
    maxFiles: rotation.maxFiles,
    teeToStdout: opts.teeToStdout ?? false,
  });
  // A full disk must not take the shop down with it: logging is best effort.
  stream.on('error', () => {});
  stream.on('warning', () => {});
  const logger = pino(
    { level: opts.level ?? process.env.POSY_LOG_LEVEL ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime },
    stream,
  );
  return {
    logger,
    dir,
    backendError(error, method) {
      logger.error({ err: error, method }, 'handler failed');
    },
    clientError(report) {
      logger.error({ where: report.where, stack: report.stack }, `window error: ${report.message}`);
    },
    close() {
      return new Promise((resolve) => {
        logger.flush?.();
        stream.end(() => resolve());
      });
    },
  };
}

/**
 * Uncaught errors are written down and the process keeps serving: every sale is its own committed
 * transaction, so staying up loses less work than exiting would. `onError` lets a window say so.
 */
export function logUncaught(log: AppLog, onError?: (kind: 'uncaughtException' | 'unhandledRejection', error: unknown) => void): () => void {
  const onException = (error: unknown) => {
    log.logger.fatal({ err: error }, 'uncaught exception');
    onError?.('uncaughtException', error);
  };
  const onRejection = (reason: unknown) => {
    log.logger.error({ err: reason }, 'unhandled rejection');
    onError?.('unhandledRejection', reason);
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
