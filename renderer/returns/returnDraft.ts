import { parseCount } from '../shift/cashCount';

/**
 * What the cashier has chosen to take back, per sold line: how many (typed, so a half-typed field is
 * kept as typed) and where the stock goes. The refund itself is the backend's answer to the commit.
 */
export type Disposition = 'restock' | 'writeoff';

export interface LineChoice {
  quantity: string;
  disposition: Disposition;
}

export interface ReturnableLineLike {
  id: string;
  returnable: number;
}

export type ReturnDraft = Readonly<Record<string, LineChoice>>;

export function emptyDraft(lines: readonly ReturnableLineLike[]): ReturnDraft {
  return Object.fromEntries(lines.map((l) => [l.id, { quantity: '', disposition: 'restock' as const }]));
}

/** Everything still returnable, keeping each line's chosen disposition. */
export function returnEverything(lines: readonly ReturnableLineLike[], draft: ReturnDraft): ReturnDraft {
  return Object.fromEntries(
    lines.map((l) => [l.id, { quantity: l.returnable > 0 ? String(l.returnable) : '', disposition: draft[l.id]?.disposition ?? 'restock' }]),
  );
}

/** One more or one less of a line, kept between 0 and what is returnable. */
export function stepLine(line: ReturnableLineLike, choice: LineChoice | undefined, delta: number): LineChoice {
  const current = parseCount(choice?.quantity ?? '') ?? 0;
  const next = Math.max(0, Math.min(line.returnable, current + delta));
  return { quantity: next === 0 ? '' : String(next), disposition: choice?.disposition ?? 'restock' };
}

export type CommitLines =
  | { ok: true; lines: { lineId: string; quantity: number; disposition: Disposition }[] }
  | { ok: false; problem: 'nothing' | 'notACount' | 'tooMany'; lineId?: string };

/** The lines to send to returns.commit, or why not yet (checked again, with the same rules, by the backend). */
export function commitLines(lines: readonly ReturnableLineLike[], draft: ReturnDraft): CommitLines {
  const out: { lineId: string; quantity: number; disposition: Disposition }[] = [];
  for (const line of lines) {
    const choice = draft[line.id];
    if (!choice) continue;
    const quantity = parseCount(choice.quantity);
    if (quantity === null) return { ok: false, problem: 'notACount', lineId: line.id };
    if (quantity > line.returnable) return { ok: false, problem: 'tooMany', lineId: line.id };
    if (quantity > 0) out.push({ lineId: line.id, quantity, disposition: choice.disposition });
  }
  if (out.length === 0) return { ok: false, problem: 'nothing' };
  return { ok: true, lines: out };
}

export type ReturnLineRequest = { lineId: string; quantity: number; disposition: Disposition };

export type QuoteRequest =
  | { kind: 'nothing' }
  | { kind: 'notACount'; lineId: string }
  | { kind: 'ask'; lines: ReturnLineRequest[] };

/**
 * What to ask returns.quote for while the cashier types. Unlike commitLines, a quantity above what is
 * returnable is still asked: the backend's refusal names the product and how many can come back.
 * Only what cannot be sent at all (half-typed, not a whole number) is stopped here.
 */
export function quoteRequest(lines: readonly ReturnableLineLike[], draft: ReturnDraft): QuoteRequest {
  const out: ReturnLineRequest[] = [];
  for (const line of lines) {
    const choice = draft[line.id];
    if (!choice) continue;
    const quantity = parseCount(choice.quantity);
    if (quantity === null) return { kind: 'notACount', lineId: line.id };
    if (quantity > 0) out.push({ lineId: line.id, quantity, disposition: choice.disposition });
  }
  return out.length === 0 ? { kind: 'nothing' } : { kind: 'ask', lines: out };
}

/** The line a refusal is about: the backend names it as `lines.<index in what was sent>.…`. */
export function refusedLine(field: string | undefined, sent: readonly { lineId: string }[]): string | null {
  const m = /^lines\.(\d+)(\.|$)/.exec(field ?? '');
  return m ? (sent[Number(m[1])]?.lineId ?? null) : null;
}
