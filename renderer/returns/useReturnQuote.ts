import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { onSessionChanged } from '../app/session';
import { latestOnly } from '../sale/latest';
import type { ReturnLineRequest } from './returnDraft';

export type ReturnQuote = Output<'returns.quote'>;

export interface ReturnQuoteState {
  /** The last refund priced (possibly for an older choice while the newer one is being asked). */
  quote: ReturnQuote | null;
  /** The refusal of the current choice (too many, drawer short, no open shift…); null when priced. */
  error: unknown;
  /** The lines the shown answer was asked for, so a refusal's `lines.<i>` names the right line. */
  sent: readonly ReturnLineRequest[];
  /** The answer shown is for exactly what is chosen now. */
  fresh: boolean;
}

interface Answer {
  key: string;
  sent: ReturnLineRequest[];
  quote: ReturnQuote | null;
  error: unknown;
}

/**
 * Prices the chosen return with returns.quote after every change (a local call: no debounce). Only
 * the answer to the newest request is kept, whatever order answers arrive in, so an older refund
 * never overwrites a newer one. Asked again when sales or the shift change (another return of the
 * same sale, cash taken out of the drawer) and when someone else signs in.
 */
export function useReturnQuote(saleId: string | null, lines: readonly ReturnLineRequest[] | null): ReturnQuoteState {
  const [gate] = useState(latestOnly);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [generation, setGeneration] = useState(0);
  const requote = useCallback(() => setGeneration((g) => g + 1), []);
  const key = saleId && lines && lines.length > 0 ? JSON.stringify({ saleId, lines }) : null;

  useEffect(() => {
    // Taking a ticket also retires any request still in flight when nothing is to be asked any more.
    const isLatest = gate.ticket();
    if (key === null) return;
    const input = JSON.parse(key) as { saleId: string; lines: ReturnLineRequest[] };
    call('returns.quote', input).then(
      (quote) => {
        if (isLatest()) setAnswer({ key, sent: input.lines, quote, error: null });
      },
      (error: unknown) => {
        if (isLatest()) setAnswer({ key, sent: input.lines, quote: null, error });
      },
    );
  }, [key, generation, gate]);

  useBackendEvent(['sales.changed', 'shift.changed'], requote);
  useEffect(() => onSessionChanged(requote), [requote]);

  if (key === null || answer === null) return { quote: null, error: null, sent: [], fresh: key === null };
  const fresh = answer.key === key;
  return { quote: answer.quote, error: fresh ? answer.error : null, sent: answer.sent, fresh };
}
