import { cleanCode } from './code';

/**
 * HID POS barcode scanners (usage page 0x8C) send each code as one or more "Scanned Data" input
 * reports instead of keystrokes.
 *
 * Source of the layout: USB-IF "HID Point of Sale Usage Tables" 1.02 (pos1_02.pdf), Bar Code Scanner
 * page 0x8C: the Scanned Data Report (usage 0x12) carries Symbology Identifier 1–3 (0xFB–0xFD, the AIM
 * identifier `]` + code character + modifier), Decoded Data (0xFE) and Decode Data Continued (0xFF, "more
 * data follows in the next report"). The byte positions below are those real scanners use, as captured
 * from a Honeywell Voyager in HID POS mode (github.com/HenkVanAsselt/python_hon_usbhid, README: report
 * `[2, 56, 93, 88, 48, …data…, 63, 0, 1]`, last report `[2, 9, 93, 88, 48, …, 0, 0]`) and as read by
 * NielsLeenheer/WebHidBarcodeScanner (src/main.js: length at 0, AIM at 1–3, data from 4, continuation
 * flag near the end, offsets there without the report id):
 *
 *   byte 0         report id (0x02 on Honeywell) — present when the device numbers its reports,
 *                  which node-hid passes through as the first byte
 *   byte 1         n: how many bytes of decoded data this report holds (AIM id not counted)
 *   bytes 2..4     AIM symbology identifier, e.g. `]E0` (EAN-13), `]C1` (GS1-128); zeros when unknown
 *   bytes 5..5+n-1 decoded data; the rest of the report is padding
 *   byte N-3       vendor's own symbology code (Honeywell "code id", e.g. 0x64 'd' for EAN-13) — ignored
 *   byte N-1       Decode Data Continued: 1 = the code goes on in the next report, 0 = this was the last
 *
 * Whether the report id is there is told by where the AIM id's `]` stands (byte 2 with an id, byte 1
 * without); when a scanner sends no AIM id the report id is assumed, as HID POS scanners declare several
 * numbered reports (attributes, settings, scanned data).
 */
export interface HidPosReport {
  /** Decoded data bytes of this report. */
  data: Uint8Array;
  /** The AIM symbology identifier (`]E0`), or null when the scanner sent none. */
  aim: string | null;
  /** The code continues in the next report. */
  more: boolean;
}

const BRACKET = 0x5d; // ']'

/** Reads one input report; null for a report too short to be a Scanned Data report. */
export function parseHidPosReport(report: Uint8Array): HidPosReport | null {
  const start = report[1 + 1] === BRACKET ? 1 : report[1] === BRACKET ? 0 : 1;
  const headerEnd = start + 4; // length byte + 3 symbology bytes
  if (report.length < headerEnd + 1) return null;
  const declared = report[start] ?? 0;
  const symbology = report.subarray(start + 1, headerEnd);
  const aim = symbology[0] === BRACKET ? String.fromCharCode(...symbology) : null;
  // The last byte is the continuation flag: the data can never run into it.
  const room = Math.max(0, report.length - 1 - headerEnd);
  const data = report.subarray(headerEnd, headerEnd + Math.min(declared, room));
  const more = ((report[report.length - 1] ?? 0) & 0x01) === 1;
  return { data, aim, more };
}

/** Longest code accepted across reports: a stuck "more data" flag must not grow a buffer forever. */
export const MAX_HID_CODE_BYTES = 8192;

/**
 * Joins the reports of one code. Bytes are decoded once the last report arrives, so a UTF-8 character
 * split between two reports stays whole; the AIM identifier is never part of the code.
 */
export class HidPosAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;

  /** Feeds one report; returns the finished code when this report was the code's last. */
  push(report: Uint8Array): string | null {
    const parsed = parseHidPosReport(report);
    if (!parsed) return null;
    if (this.size + parsed.data.length > MAX_HID_CODE_BYTES) {
      this.reset();
      return null;
    }
    this.parts.push(parsed.data.slice());
    this.size += parsed.data.length;
    if (parsed.more) return null;
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const part of this.parts) {
      bytes.set(part, at);
      at += part.length;
    }
    this.reset();
    const code = cleanCode(new TextDecoder('utf-8').decode(bytes));
    return code === '' ? null : code;
  }

  /** Drops a half-received code (the device went away mid-code). */
  reset(): void {
    this.parts = [];
    this.size = 0;
  }
}
