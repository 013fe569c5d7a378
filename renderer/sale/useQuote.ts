import { useCallback, useEffect, useRef, useState } from 'react';
import { useBackendEvent } from '../api/hooks';
import { onSessionChanged } from '../app/session';
import { saleCall } from './api';
import { draftInput, type SaleDraft } from './draft';
import { latestOnly } from './latest';
import type { Quote, QuoteLine } from './types';

export interface QuoteState {
  /** The latest answer received (possibly for an older revision while a newer one is on its way). */
  quote: Quote | null;
  /** The draft revision `quote` (or `error`) answers. */
  revision: number;
  /** Line keys in the order the quote's lines answer them. */
  keys: readonly string[];
  error: unknown;
}

/**
 * Prices the draft with sales.quote after every change (local, about a millisecond: no debounce).
 * Requests are numbered and only the answer to the latest one is kept, whatever order answers arrive
 * in, so an older price never overwrites a newer one. Re-asked when the catalogue changes (a price
 * edit in another window) and when someone else signs in (their discount limit differs).
 */
export function useQuote(draft: SaleDraft): QuoteState & { fresh: boolean; lineOf: (key: string) => QuoteLine | undefined; requote: () => void } {
  const [state, setState] = useState<QuoteState>({ quote: null, revision: -1, keys: [], error: null });
  const [gate] = useState(latestOnly);
  const [generation, setGeneration] = useState(0);
  const requote = useCallback(() => setGeneration((g) => g + 1), []);
  const draftRef = useRef(draft);
  draftRef.current = draft;

  useEffect(() => {
    const d = draftRef.current;
    const isLatest = gate.ticket();
    const keys = d.lines.map((l) => l.key);
    if (d.lines.length === 0) {
      setState({ quote: null, revision: d.revision, keys, error: null });
      return;
    }
    saleCall('sales.quote', draftInput(d)).then(
      (quote) => {
        if (isLatest()) setState({ quote, revision: d.revision, keys, error: null });
      },
      (error: unknown) => {
        if (isLatest()) setState((s) => ({ ...s, revision: d.revision, error }));
      },
    );
  }, [draft.revision, generation, gate]);

  // Stock on the lines moves with every sale and return (here or at another till), prices with the catalogue.
  useBackendEvent(['catalog.changed', 'shop.changed', 'sales.changed'], requote);
  useEffect(() => onSessionChanged(requote), [requote]);

  const { quote, keys } = state;
  const lineOf = useCallback(
    (key: string) => {
      const i = keys.indexOf(key);
      return i >= 0 ? quote?.lines[i] : undefined;
    },
    [quote, keys],
  );
  return { ...state, fresh: state.revision === draft.revision && state.error === null, lineOf, requote };
}
