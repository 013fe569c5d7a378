import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { isShown } from '../scan/scanContext';
import { topDialog } from '../ui/Modal';
import type { CountListItem } from './types';

interface CountListProps {
  rows: CountListItem[];
  loading: boolean;
  onOpen: (id: string) => void;
  onNew: () => void;
  rootRef: RefObject<HTMLDivElement | null>;
}

/** The shop's counts, open ones first. "+" starts a new one. */
export function CountList({ rows, loading, onOpen, onNew, rootRef }: CountListProps) {
  const { t, i18n } = useTranslation('counts');
  const lang = i18n.language;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isShown(rootRef.current) || topDialog()) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT')) return;
      if (e.key === '+' && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        onNew();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNew, rootRef]);

  if (!loading && rows.length === 0) {
    return (
      <p className="hint" data-testid="counts-empty">
        {t('list.empty')}
      </p>
    );
  }
  return (
    <table className="table counts-table" data-testid="counts-list">
      <thead>
        <tr>
          <th>{t('list.number')}</th>
          <th>{t('list.scope')}</th>
          <th>{t('list.status')}</th>
          <th>{t('list.started')}</th>
          <th className="num">{t('list.products')}</th>
          <th className="num">{t('list.quantity')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id} className={`status-${c.status}`} data-testid={`count-row-${c.number}`}>
            <td>{c.number}</td>
            <td>
              {c.categoryName ?? t('scope.all')}
              {c.blind && <span className="badge">{t('blind.badge')}</span>}
              {c.note && <div className="hint">{c.note}</div>}
            </td>
            <td>
              <span className={`badge status ${c.status}`}>{t(`status.${c.status}`)}</span>
            </td>
            <td>
              {formatDateTime(c.createdAt, lang)}
              <div className="hint">{c.createdBy}</div>
            </td>
            <td className="num">{formatNumber(c.productsCounted, lang)}</td>
            <td className="num">{formatNumber(c.quantityCounted, lang)}</td>
            <td className="row-actions">
              <button type="button" className={c.status === 'open' ? 'primary' : ''} onClick={() => onOpen(c.id)} data-testid={`count-open-${c.number}`}>
                {c.status === 'open' ? t('list.continue') : t('list.view')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
