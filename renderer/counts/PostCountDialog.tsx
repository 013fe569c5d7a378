import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, randomId } from '../api/client';
import { useMoney } from '../catalog/useMoney';
import { formatNumber } from '../format/numbers';
import { ESC } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import type { CountDetail, PostResult } from './types';

const NAMED = 12;
const CONFIRM_SHORTCUT = 'Ctrl+↵';

/**
 * Posting the variance, confirmed: the totals, and the products in scope nobody counted, which
 * are posted as 0 only when the poster ticks that they are really gone (the backend refuses otherwise).
 * The values appear only when the backend sent them (costVisible: reports.view); stock.adjust alone
 * posts by quantities.
 */
export function PostCountDialog({ detail, onClose, onPosted }: { detail: CountDetail; onClose: () => void; onPosted: (r: PostResult) => void }) {
  const { t, i18n } = useTranslation('counts');
  const lang = i18n.language;
  const { format } = useMoney();
  const [asZero, setAsZero] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // one request id per dialog: pressing again after a lost answer gets the first posting back
  const [requestId] = useState(randomId);
  const uncounted = detail.lines.filter((l) => l.counted === null);
  const totals = detail.totals;
  const money = (v: number | null | undefined) => (detail.costVisible && v != null ? ` · ${format(v)}` : '');
  const blocked = uncounted.length > 0 && !asZero;
  const n = (v: number) => formatNumber(v, lang);

  async function post() {
    if (busy || blocked) return;
    setBusy(true);
    setError(null);
    try {
      onPosted(await call('counts.post', { countId: detail.id, requestId, ...(uncounted.length > 0 ? { uncountedAsZero: asZero } : {}) }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal
      title={t('post.title', { number: detail.number })}
      onClose={onClose}
      onConfirm={() => void post()}
      busy={busy}
      testId="count-post-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="button" className="primary" disabled={busy || blocked} onClick={() => void post()} data-testid="count-post-confirm">
            {t('post.confirm')}
            <Kbd>{CONFIRM_SHORTCUT}</Kbd>
          </button>
        </>
      }
    >
      <p>{t('post.explain')}</p>
      <dl className="count-post-totals">
        <dt>{t('post.products')}</dt>
        <dd>{n(totals.products)}</dd>
        <dt>{t('post.shortage')}</dt>
        <dd className="short">
          {n(totals.shortageQuantity ?? 0)}
          {money(totals.shortageValue)}
        </dd>
        <dt>{t('post.surplus')}</dt>
        <dd className="surplus">
          {n(totals.surplusQuantity ?? 0)}
          {money(totals.surplusValue)}
        </dd>
        {detail.costVisible && totals.value != null && (
          <>
            <dt>{t('post.net')}</dt>
            <dd>
              <strong>{format(totals.value)}</strong>
            </dd>
          </>
        )}
      </dl>
      {uncounted.length > 0 && (
        <div className="count-uncounted" data-testid="count-post-uncounted">
          <p className="warn">{t('post.uncounted', { n: n(uncounted.length) })}</p>
          <ul>
            {uncounted.slice(0, NAMED).map((l) => (
              <li key={l.productId}>
                {l.name} <span className="hint">{t('post.expectedShort', { n: n(l.expected ?? 0) })}</span>
              </li>
            ))}
            {uncounted.length > NAMED && <li className="hint">{t('post.andMore', { n: n(uncounted.length - NAMED) })}</li>}
          </ul>
          <label className="check">
            <input type="checkbox" checked={asZero} onChange={(e) => setAsZero(e.target.checked)} data-testid="count-post-as-zero" />
            <span>{t('post.asZero', { n: n(uncounted.length) })}</span>
          </label>
        </div>
      )}
      <ErrorMessage error={error} />
    </Modal>
  );
}
