// DLE EOT n, the real-time status request of ESC/POS (Epson "DLE EOT", also TM-compatible Xprinter, Rongta,
// HPRT, Atol...). A printer answers one byte per request, even when it is offline for want of paper, which is
// what makes "paper out" visible before a receipt is sent into a printer that cannot print it.
export const DLE = 0x10;
export const EOT = 0x04;

/** n = 1 printer, 2 offline cause, 4 roll paper sensor. */
export function statusRequest(...ns: (1 | 2 | 4)[]): Uint8Array {
  return Uint8Array.from(ns.flatMap((n) => [DLE, EOT, n]));
}

/** Every DLE EOT answer has bit 1 and bit 4 set and bits 0 and 7 clear: 0xx1xx10. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

export interface PrinterStatus {
  paperOut: boolean;
  coverOpen: boolean;
}

/** From the answers to DLE EOT 2 (offline cause) and DLE EOT 4 (roll paper sensor). */
export function parseStatus(offlineCause: number, paperSensor: number): PrinterStatus {
  return {
    // bit 5 of n=2: printing stopped for paper end; bits 5-6 of n=4: paper end detected
    paperOut: (offlineCause & 0x20) !== 0 || (paperSensor & 0x60) === 0x60,
    coverOpen: (offlineCause & 0x04) !== 0,
  };
}

/** The answer a printer in this state gives to DLE EOT n (used by the test printer; documents the bits). */
export function statusAnswer(n: number, status: PrinterStatus): number {
  const base = 0x12;
  if (n === 2) return base | (status.coverOpen ? 0x04 : 0) | (status.paperOut ? 0x20 : 0);
  if (n === 4) return base | (status.paperOut ? 0x6c : 0);
  // n = 1: bit 3 is "offline"
  return base | (status.paperOut || status.coverOpen ? 0x08 : 0);
}
