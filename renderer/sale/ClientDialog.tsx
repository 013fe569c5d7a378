import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format/numbers';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ErrorMessage } from '../ui/ErrorMessage';
import { saleCall } from './api';
import type { FoundClient, QuoteClient } from './types';
import { ENTER, ESC } from './symbols';

interface ClientDialogProps {
  current: QuoteClient | null;
  onPick: (client: QuoteClient | null) => void;
  onClose: () => void;
}

/** Find a client by the last digits of their phone or by a part of their name; their discount comes with them. */
export function ClientDialog({ current, onPick, onClose }: ClientDialogProps) {
  const { t, i18n } = useTranslation('sale');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<FoundClient[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [highlight, setHighlight] = useState(0);
  const latest = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const mine = ++latest.current;
    if (q === '') {
      setFound([]);
      setError(null);
      return;
    }
    saleCall('clients.find', { query: q }).then(
      (clients) => {
        if (mine !== latest.current) return;
        setFound(clients);
        setError(null);
        setHighlight(0);
      },
      (e: unknown) => mine === latest.current && setError(e),
    );
  }, [query]);

  return (
    <Modal
      title={t('client.title')}
      onClose={onClose}
      testId="client-dialog"
      footer={
        <>
          {current && (
            <button type="button" className="ghost" data-testid="client-detach" onClick={() => onPick(null)}>
              {t('client.detach', { name: current.name })}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
        </>
      }
    >
      <input
        type="search"
        data-testid="client-search"
        data-autofocus
        autoComplete="off"
        spellCheck={false}
        placeholder={t('client.placeholder')}
        aria-label={t('client.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setHighlight((h) => Math.max(0, Math.min(found.length - 1, h + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            const c = found[highlight];
            if (c) onPick(c);
          }
        }}
      />
      <ul className="client-results" aria-label={t('client.results')}>
        {found.map((c, i) => (
          <li key={c.id}>
            <button
              type="button"
              className={`client-result${i === highlight ? ' highlighted' : ''}`}
              data-testid="client-result"
              onClick={() => onPick(c)}
            >
              <strong>{c.name}</strong>
              <span className="hint">{c.phone ?? ''}</span>
              {c.discountBp > 0 && (
                <span className="client-discount">{t('client.discount', { percent: formatNumber(c.discountBp / 100, i18n.language) })}</span>
              )}
              {i === highlight && <Kbd>{ENTER}</Kbd>}
            </button>
          </li>
        ))}
        {query.trim() !== '' && found.length === 0 && !error && <li className="hint">{t('client.none')}</li>}
      </ul>
      <ErrorMessage error={error} />
    </Modal>
  );
}
