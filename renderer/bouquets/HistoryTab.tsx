import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { onSessionChanged } from '../app/session';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { AssemblyRow } from './types';

const PAGE = 50;

/** The bouquets made, newest first; a row opens to show its components, recipe against actual. */
export function HistoryTab({ format, showCost }: { format: (minor: number) => string; showCost: boolean }) {
  const { t, i18n } = useTranslation('bouquets');
  const [rows, setRows] = useState<AssemblyRow[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useBackendEvent(['stock.changed', 'recipes.changed'], reload);
  useEffect(() => onSessionChanged(reload), [reload]);
  const n = (v: number) => formatNumber(v, i18n.language);

  useEffect(() => {
    let current = true;
    call('assembly.list', { limit: PAGE }).then(
      (page) => {
        if (!current) return;
        setRows(page.rows);
        setMore(page.more);
        setError(null);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  async function loadMore() {
    const last = rows[rows.length - 1];
    if (!last) return;
    try {
      const page = await call('assembly.list', { limit: PAGE, before: last.number });
      setRows((r) => [...r, ...page.rows.filter((p) => !r.some((x) => x.id === p.id))]);
      setMore(page.more);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="assembly-history" data-testid="assembly-history">
      <ErrorMessage error={error} />
      {rows.length === 0 && error === null && <p className="hint">{t('history.none')}</p>}
      {rows.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('history.number')}</th>
              <th>{t('history.when')}</th>
              <th>{t('history.bouquet')}</th>
              <th>{t('history.quantity')}</th>
              {showCost && <th>{t('history.unitCost')}</th>}
              <th>{t('history.who')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.id}>
                <tr className="history-row" data-testid="assembly-row" onClick={() => setOpen((o) => (o === r.id ? null : r.id))} aria-expanded={open === r.id}>
                  <td>{r.number}</td>
                  <td className="nowrap">{formatDateTime(r.at, i18n.language)}</td>
                  <td>
                    {r.name}
                    {r.substituted && <span className="tag">{t('history.substituted')}</span>}
                    {r.note && <small className="hint history-note">{r.note}</small>}
                  </td>
                  <td>{n(r.quantity)}</td>
                  {showCost && <td className="nowrap">{format(r.unitCost ?? 0)}</td>}
                  <td>{r.userName}</td>
                </tr>
                {open === r.id && (
                  <tr className="history-detail">
                    <td colSpan={showCost ? 6 : 5}>
                      <table className="table compact">
                        <thead>
                          <tr>
                            <th>{t('plan.component')}</th>
                            <th>{t('variance.recipe')}</th>
                            <th>{t('variance.actual')}</th>
                            {showCost && <th>{t('variance.cost')}</th>}
                          </tr>
                        </thead>
                        <tbody>
                          {r.components.map((c) => (
                            <tr key={c.lineNo} className={c.recipeQuantity !== c.actualQuantity ? 'differs' : undefined}>
                              <td>{c.name}</td>
                              <td>{n(c.recipeQuantity)}</td>
                              <td>{n(c.actualQuantity)}</td>
                              {showCost && <td className="nowrap">{format(c.cost ?? 0)}</td>}
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" className="load-more" onClick={() => void loadMore()}>
          {t('history.more')}
        </button>
      )}
    </div>
  );
}
