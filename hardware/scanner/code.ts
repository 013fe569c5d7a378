/** Longest code passed on: a QR code of a sale is ~50 characters; anything past this is line noise. */
export const MAX_CODE_LENGTH = 4096;

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * The code a scanner read, as the shop looks it up: without the AIM symbology identifier (`]E0`, `]C1`…
 * that scanners may put in front, ISO/IEC 15424 — no barcode a florist sells starts with `]`), and without
 * the line ends and padding around it. Control characters inside (GS in GS1 codes) are kept.
 */
export function cleanCode(raw: string): string {
  // NUL padding and CR/LF around the code are not part of it.
  const trimmed = raw.replace(/^[\s\x00]+|[\s\x00]+$/g, '');
  const code = trimmed.replace(AIM_ID, '');
  return code.length > MAX_CODE_LENGTH ? '' : code;
}
