import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi, useBackendEvent } from '../api/hooks';
import { formatDate, formatDateTime } from '../format/dates';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Modal } from '../ui/Modal';

type Summary = Output<'arrivals.list'>['items'][number];
type Supplier = Output<'suppliers.list'>[number];
const PAGE = 50;

/** Posted arrivals, newest first, by supplier; a row opens the arrival with its lines and what their lots still hold. */
export function ArrivalList({ suppliers, format, onLabels }: { suppliers: Supplier[]; format: (minor: number) => string; onLabels: (a: { arrivalId: string; number: number }) => void }) {
  const { t, i18n } = useTranslation('arrivals');
  const [supplierId, setSupplierId] = useState('');
  const [items, setItems] = useState<Summary[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const [open, setOpen] = useState<string | null>(null);

  useBackendEvent(['stock.changed', 'suppliers.changed'], () => setGeneration((g) => g + 1));
  useEffect(() => {
    let current = true;
    call('arrivals.list', { limit: PAGE, ...(supplierId ? { supplierId } : {}) }).then(
      (res) => {
        if (!current) return;
        setItems(res.items);
        setMore(res.more);
        setError(null);
      },
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [supplierId, generation]);

  async function loadMore() {
    const last = items[items.length - 1];
    if (!last) return;
    try {
      const res = await call('arrivals.list', { limit: PAGE, beforeNumber: last.number, ...(supplierId ? { supplierId } : {}) });
      setItems((list) => [...list, ...res.items]);
      setMore(res.more);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="arrival-list">
      <div className="arrival-filters">
        <label className="field">
          <span>{t('list.supplier')}</span>
          <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)} data-testid="arrival-list-supplier">
            <option value="">{t('list.allSuppliers')}</option>
            {suppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={error} />
      {items.length === 0 && !error ? (
        <p className="hint">{t('list.empty')}</p>
      ) : (
        <table className="table arrival-table" data-testid="arrival-list">
          <thead>
            <tr>
              <th>{t('list.number')}</th>
              <th>{t('list.arrivedAt')}</th>
              <th>{t('list.supplier')}</th>
              <th>{t('list.invoiceNo')}</th>
              <th className="num">{t('list.lines')}</th>
              <th className="num">{t('list.quantity')}</th>
              <th className="num">{t('list.total')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} className="clickable" tabIndex={0} data-testid="arrival-row" onClick={() => setOpen(a.id)} onKeyDown={(e) => e.key === 'Enter' && setOpen(a.id)}>
                <td>{a.number}</td>
                <td>{formatDate(a.arrivedAt, i18n.language)}</td>
                <td>{a.supplierName ?? '—'}</td>
                <td>{a.invoiceNo ?? ''}</td>
                <td className="num">{a.lineCount}</td>
                <td className="num">{a.quantity}</td>
                <td className="num">{format(a.totalCost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more && (
        <button type="button" onClick={() => void loadMore()} data-testid="arrival-list-more">
          {t('list.more')}
        </button>
      )}
      {open && <ArrivalDetail id={open} format={format} onClose={() => setOpen(null)} onLabels={onLabels} />}
    </div>
  );
}

function ArrivalDetail({ id, format, onClose, onLabels }: { id: string; format: (minor: number) => string; onClose: () => void; onLabels: (a: { arrivalId: string; number: number }) => void }) {
  const { t, i18n } = useTranslation('arrivals');
  const arrival = useApi('arrivals.get', { id }, ['stock.changed']);
  const a = arrival.data;
  return (
    <Modal
      title={a ? t('detail.title', { number: a.number }) : t('detail.loading')}
      onClose={onClose}
      wide
      testId="arrival-detail"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('labels.close')}
          </button>
          <button type="button" className="primary" disabled={!a} onClick={() => a && onLabels({ arrivalId: a.id, number: a.number })} data-testid="arrival-detail-labels">
            {t('labels.button')}
          </button>
        </>
      }
    >
      <ErrorMessage error={arrival.error} />
      {a && (
        <>
          <dl className="arrival-facts">
            <dt>{t('list.arrivedAt')}</dt>
            <dd>{formatDateTime(a.arrivedAt, i18n.language)}</dd>
            <dt>{t('list.supplier')}</dt>
            <dd>{a.supplierName ?? '—'}</dd>
            {a.invoiceNo && (
              <>
                <dt>{t('list.invoiceNo')}</dt>
                <dd>{a.invoiceNo}</dd>
              </>
            )}
            <dt>{t('detail.postedBy')}</dt>
            <dd>
              {a.postedBy}, {formatDateTime(a.postedAt, i18n.language)}
            </dd>
            {a.note && (
              <>
                <dt>{t('form.note')}</dt>
                <dd>{a.note}</dd>
              </>
            )}
          </dl>
          <table className="table">
            <thead>
              <tr>
                <th>{t('form.product')}</th>
                <th className="num">{t('detail.packs')}</th>
                <th className="num">{t('list.quantity')}</th>
                <th className="num">{t('detail.unitCost')}</th>
                <th className="num">{t('form.lineTotal')}</th>
                <th className="num">{t('detail.remaining')}</th>
              </tr>
            </thead>
            <tbody>
              {a.lines.map((l) => (
                <tr key={l.lineNo}>
                  <td>{l.name}</td>
                  <td className="num">{l.packs !== null && l.packSize !== null ? `${l.packs} × ${l.packSize}` : ''}</td>
                  <td className="num">{l.quantity}</td>
                  <td className="num">{format(l.unitCost)}</td>
                  <td className="num">{format(l.lineCost)}</td>
                  <td className="num">{l.remaining}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={4}>{t('list.total')}</th>
                <th className="num">{format(a.totalCost)}</th>
                <th />
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </Modal>
  );
}
