import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi, useBackendEvent } from '../api/hooks';
import { onSessionChanged, useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { formatDate, formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ShortcutButton, useScreenShortcuts } from '../shift/shortcuts';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ShrinkReport } from './ShrinkReport';
import { ProductWriteOffDialog } from './WriteOffDialog';
import { ALL_REASONS, type AnyReason } from './reasons';
import '../shift/counter.css';
import './writeoffs.css';
import { Tabs } from '../ui/Tabs';

type Tab = 'list' | 'shrink';
type Row = Output<'writeoffs.list'>['rows'][number];

const PAGE_SIZE = 50;

/**
 * Write-offs: the posted write-offs newest first (open one for its lots, ages and suppliers), a
 * "write off by product" entry (oldest lots first), and the Shrink tab for reports.view.
 * Keyboard: Alt+N writes off a product, Alt+L the list, Alt+R the shrink view.
 */
export function WriteoffsPage() {
  const { t } = useTranslation('writeoffs');
  const { can } = useSession();
  const rootRef = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<Tab>('list');
  const [byProduct, setByProduct] = useState(false);
  const canWriteOff = can('stock.writeoff');
  const canReports = can('reports.view');

  useScreenShortcuts(rootRef, {
    N: canWriteOff ? () => setByProduct(true) : undefined,
    L: () => setTab('list'),
    R: canReports ? () => setTab('shrink') : undefined,
  });

  if (!canWriteOff && !canReports) return <p className="error-message refused">{t('noPermission')}</p>;
  const current: Tab = canWriteOff ? tab : 'shrink';
  return (
    <div className="counter-page writeoffs-page" ref={rootRef} data-testid="writeoffs-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <Tabs
          ids={[...(canWriteOff ? (['list'] as const) : []), ...(canReports ? (['shrink'] as const) : [])]}
          current={current}
          onSelect={setTab}
          label={t('title')}
          testIdPrefix="writeoffs-tab"
          labelOf={(id) => t(`tabs.${id}`)}
        />
        {canWriteOff && (
          <ShortcutButton letter="N" primary testId="writeoffs-by-product" onClick={() => setByProduct(true)}>
            {t('byProduct.button')}
          </ShortcutButton>
        )}
      </div>
      {current === 'list' ? <WriteoffList /> : <ShrinkReport />}
      {byProduct && <ProductWriteOffDialog onClose={() => setByProduct(false)} />}
    </div>
  );
}

function WriteoffList() {
  const { t, i18n } = useTranslation('writeoffs');
  const language = i18n.language;
  const { format } = useMoney();
  // What a stem cost is shown to those who see reports, as on the stock screen: the backend sends the
  // costs only to them (costVisible), so a florist's list has no cost column at all.
  // (The session check too: right after another person signs in, the rows still on screen are the last reader's.)
  const [costVisible, setCostVisible] = useState(false);
  const mayShow = useSession().can('reports.view');
  const showCost = costVisible && mayShow;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState<AnyReason | ''>('');
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState<{ at: string; id: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const epoch = useRef(0);
  const filter = JSON.stringify({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(reason ? { reason } : {}), limit: PAGE_SIZE });

  useEffect(() => {
    const mine = ++epoch.current;
    setLoading(true);
    call('writeoffs.list', JSON.parse(filter) as { limit: number }).then(
      (page) => {
        if (mine !== epoch.current) return;
        setRows(page.rows);
        setNext(page.next);
        setCostVisible(page.costVisible);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== epoch.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [filter, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useBackendEvent(['stock.changed'], reload);
  useEffect(() => onSessionChanged(reload), [reload]);

  function more() {
    if (!next) return;
    const mine = epoch.current;
    call('writeoffs.list', { ...(JSON.parse(filter) as { limit: number }), before: next }).then(
      (page) => {
        if (mine !== epoch.current) return;
        setRows((shown) => [...shown, ...page.rows.filter((r) => !shown.some((s) => s.id === r.id))]);
        setNext(page.next);
      },
      (e: unknown) => mine === epoch.current && setError(e),
    );
  }

  return (
    <div className="writeoff-list">
      <div className="shrink-filters" role="search">
        <div className="field">
          <label htmlFor="writeoffs-from">{t('period.from')}</label>
          <input id="writeoffs-from" type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} data-testid="writeoffs-from" />
        </div>
        <div className="field">
          <label htmlFor="writeoffs-to">{t('period.to')}</label>
          <input id="writeoffs-to" type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} data-testid="writeoffs-to" />
        </div>
        <div className="field">
          <label htmlFor="writeoffs-reason">{t('table.reason')}</label>
          <select id="writeoffs-reason" value={reason} onChange={(e) => setReason(e.target.value as AnyReason | '')} data-testid="writeoffs-reason">
            <option value="">{t('anyReason')}</option>
            {ALL_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={error} />
      <table className="table compact" data-testid="writeoffs-table">
        <thead>
          <tr>
            <th>{t('table.number')}</th>
            <th>{t('table.at')}</th>
            <th>{t('table.reason')}</th>
            <th>{t('table.what')}</th>
            <th className="num">{t('table.quantity')}</th>
            {showCost && <th className="num">{t('table.cost')}</th>}
            <th>{t('table.by')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <WriteoffRowView key={r.id} row={r} open={open === r.id} onToggle={() => setOpen((o) => (o === r.id ? null : r.id))} format={showCost ? format : null} language={language} />
          ))}
        </tbody>
      </table>
      {!loading && rows.length === 0 && (
        <p className="hint" data-testid="writeoffs-empty">
          {t('empty')}
        </p>
      )}
      {next && (
        <button type="button" onClick={more} data-testid="writeoffs-more">
          {t('more')}
        </button>
      )}
    </div>
  );
}

/** `format` is null when the costs are not for this user: the cost columns are left out. */
function WriteoffRowView({ row, open, onToggle, format, language }: { row: Row; open: boolean; onToggle: () => void; format: ((n: number) => string) | null; language: string }) {
  const { t } = useTranslation('writeoffs');
  return (
    <>
      <tr className={open ? 'writeoff-row open' : 'writeoff-row'} onClick={onToggle} data-testid="writeoff-row" aria-expanded={open}>
        <td>
          <button type="button" className="link" onClick={(e) => { e.stopPropagation(); onToggle(); }} aria-label={t('open', { number: row.number })}>
            {row.number}
          </button>
        </td>
        <td className="nowrap">{formatDateTime(row.at, language)}</td>
        <td>
          {t(`reasons.${row.reason}`)}
          {row.returnNumber !== null && <span className="hint"> · {t('fromReturn', { number: row.returnNumber })}</span>}
        </td>
        <td>
          {row.lines > row.names.length ? t('namesMore', { names: row.names.join(', ') }) : row.names.join(', ')}
          {row.note && <div className="hint">{row.note}</div>}
        </td>
        <td className="num">{formatNumber(row.quantity, language)}</td>
        {format && <td className="num">{row.totalCost === null ? '' : format(row.totalCost)}</td>}
        <td>{row.userName}</td>
      </tr>
      {open && (
        <tr className="writeoff-detail">
          <td colSpan={format ? 7 : 6}>
            <WriteoffLines id={row.id} format={format} language={language} />
          </td>
        </tr>
      )}
    </>
  );
}

function WriteoffLines({ id, format, language }: { id: string; format: ((n: number) => string) | null; language: string }) {
  const { t } = useTranslation('writeoffs');
  const doc = useApi('writeoffs.get', { id });
  if (doc.error) return <ErrorMessage error={doc.error} />;
  if (!doc.data) return <p className="hint">{t('common:status.loading')}</p>;
  const money = doc.data.costVisible ? format : null;
  return (
    <table className="table compact" data-testid="writeoff-lines">
      <thead>
        <tr>
          <th>{t('lines.product')}</th>
          <th>{t('lines.arrived')}</th>
          <th className="num">{t('lines.age')}</th>
          <th>{t('lines.supplier')}</th>
          <th className="num">{t('table.quantity')}</th>
          {money && <th className="num">{t('lines.unitCost')}</th>}
          {money && <th className="num">{t('table.cost')}</th>}
        </tr>
      </thead>
      <tbody>
        {doc.data.lines.map((l, i) => (
          <tr key={`${l.lotId}-${i}`}>
            <td>{l.name}</td>
            <td className="nowrap">{formatDate(l.arrivedAt, language)}</td>
            <td className="num">{t('lines.days', { count: l.ageDays })}</td>
            <td>{l.supplierName ?? t('none.supplier')}</td>
            <td className="num">{formatNumber(l.quantity, language)}</td>
            {money && <td className="num">{l.unitCost === null ? '' : money(l.unitCost)}</td>}
            {money && <td className="num">{l.cost === null ? '' : money(l.cost)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
