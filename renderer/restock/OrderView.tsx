import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { useMoney } from '../catalog/useMoney';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { ShortcutButton, useScreenShortcuts } from '../shift/shortcuts';
import { ErrorMessage } from '../ui/ErrorMessage';
import { downloadBase64, XLSX_TYPE } from './download';
import { occasionName, upliftText } from './occasionText';
import { SalesChart } from './SalesChart';

type Suggestion = Output<'restock.suggest'>;
type Group = Suggestion['suppliers'][number];
type Line = Group['lines'][number];

const WEEK_OPTIONS = [2, 4, 6, 8, 12] as const;
/** The supplier picker's value for "products without a supplier" (the API's null). */
const NONE = 'none';

const keyOf = (g: Group, l: Line) => `${g.supplierId ?? ''}:${l.productId}`;

/**
 * The suggested order: parameters, one table per supplier with the packs to order (editable
 * before printing or exporting), totals, the occasions that lift the horizon, and a chart of the
 * chosen product's sales against its forecast. Alt+P prints, Alt+E exports XLSX.
 */
export function OrderView() {
  const { t, i18n } = useTranslation('restock');
  const language = i18n.language;
  const { format } = useMoney();
  const rootRef = useRef<HTMLDivElement>(null);
  const [weeks, setWeeks] = useState(4);
  const [horizonText, setHorizonText] = useState('');
  const [supplier, setSupplier] = useState<string>('');
  const [onlyToOrder, setOnlyToOrder] = useState(true);
  const [edits, setEdits] = useState<Map<string, number>>(new Map());
  const [selected, setSelected] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const [knownSuppliers, setKnownSuppliers] = useState<{ id: string; name: string }[]>([]);

  const horizon = /^\d+$/.test(horizonText) ? Math.min(60, Math.max(1, Number(horizonText))) : undefined;
  const input = {
    weeks,
    ...(horizon !== undefined ? { horizonDays: horizon } : {}),
    ...(supplier === '' ? {} : { supplierId: supplier === NONE ? null : supplier }),
  };
  const suggestion = useApi('restock.suggest', input, ['sales.changed', 'stock.changed', 'occasions.changed', 'suppliers.changed']);
  const data = suggestion.data;

  // The supplier picker keeps every supplier the full order showed, so choosing one does not empty it.
  useEffect(() => {
    if (!data || supplier !== '') return;
    const seen = data.suppliers.filter((g) => g.supplierId !== null).map((g) => ({ id: g.supplierId as string, name: g.name ?? '' }));
    setKnownSuppliers((known) => [...known.filter((k) => !seen.find((s) => s.id === k.id)), ...seen]);
  }, [data, supplier]);

  const packsOf = (g: Group, l: Line) => edits.get(keyOf(g, l)) ?? l.packs;
  const view = useMemo(() => {
    if (!data) return [];
    return data.suppliers
      .map((g) => {
        const lines = g.lines.filter((l) => !onlyToOrder || l.packs > 0 || (edits.get(keyOf(g, l)) ?? 0) > 0);
        const totals = lines.reduce(
          (sum, l) => {
            const packs = edits.get(keyOf(g, l)) ?? l.packs;
            return { packs: sum.packs + packs, quantity: sum.quantity + packs * l.packSize, cost: sum.cost + packs * l.packSize * (l.unitCost ?? 0) };
          },
          { packs: 0, quantity: 0, cost: 0 },
        );
        return { group: g, lines, totals };
      })
      .filter((v) => v.lines.length > 0);
  }, [data, edits, onlyToOrder]);
  const grandTotal = view.reduce((s, v) => s + v.totals.cost, 0);
  const occasions = useMemo(() => {
    const byId = new Map<string, Group['occasions'][number]>();
    for (const g of data?.suppliers ?? []) for (const o of g.occasions) byId.set(`${o.occasionId}:${o.date}`, o);
    return [...byId.values()].sort((a, b) => a.date.localeCompare(b.date));
  }, [data]);

  const setPacks = (g: Group, l: Line, text: string) => {
    // An emptied box is 0 packs, not the suggestion back: clearing it to type a new number must not
    // put the old one back under the caret (backspace then "3" made "13"). Reset brings suggestions back.
    const n = text === '' ? 0 : Number(text);
    if (!Number.isInteger(n) || n < 0) return;
    const next = new Map(edits);
    next.set(keyOf(g, l), Math.min(n, 100_000));
    setEdits(next);
  };

  async function exportXlsx() {
    if (!data || exporting) return;
    setExporting(true);
    setExportError(null);
    try {
      const overrides = data.suppliers.flatMap((g) =>
        g.lines.filter((l) => edits.has(keyOf(g, l))).map((l) => ({ productId: l.productId, supplierId: g.supplierId, packs: packsOf(g, l) })),
      );
      const file = await call('restock.exportXlsx', { ...input, overrides });
      downloadBase64(file.fileName, file.contentBase64, XLSX_TYPE);
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  }

  function print() {
    if (!data) return;
    setPrinting(true);
    // After the print view has rendered into the page.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.print();
        setPrinting(false);
      }),
    );
  }

  useScreenShortcuts(rootRef, { P: data ? print : undefined, E: data ? () => void exportXlsx() : undefined });

  const day = (iso: string) => formatDate(`${iso}T12:00:00.000Z`, language);
  const groupName = (g: Group) => g.name ?? t('noSupplier');

  return (
    <div className="restock-order" ref={rootRef} data-testid="restock-order">
      <div className="restock-params">
        <label className="field">
          <span>{t('params.weeks')}</span>
          <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} data-testid="restock-weeks">
            {WEEK_OPTIONS.map((w) => (
              <option key={w} value={w}>
                {t('params.weeksOption', { n: w })}
              </option>
            ))}
          </select>
        </label>
        <label className="field" title={t('params.horizonHint')}>
          <span>{t('params.horizon')}</span>
          <input
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            placeholder={t('params.horizonAuto')}
            value={horizonText}
            onChange={(e) => setHorizonText(e.target.value)}
            data-testid="restock-horizon"
          />
        </label>
        <label className="field">
          <span>{t('params.supplier')}</span>
          <select value={supplier} onChange={(e) => setSupplier(e.target.value)} data-testid="restock-supplier">
            <option value="">{t('params.allSuppliers')}</option>
            {knownSuppliers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            <option value={NONE}>{t('noSupplier')}</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={onlyToOrder} onChange={(e) => setOnlyToOrder(e.target.checked)} data-testid="restock-only-to-order" />
          {t('params.onlyToOrder')}
        </label>
        <div className="restock-actions">
          <button type="button" onClick={() => setEdits(new Map())} disabled={edits.size === 0} data-testid="restock-reset">
            {t('actions.reset')}
          </button>
          <ShortcutButton letter="P" onClick={print} disabled={!data} testId="restock-print">
            {t('actions.print')}
          </ShortcutButton>
          <ShortcutButton letter="E" primary onClick={() => void exportXlsx()} disabled={!data || exporting} testId="restock-export">
            {exporting ? t('actions.exporting') : t('actions.export')}
          </ShortcutButton>
        </div>
      </div>
      <ErrorMessage error={suggestion.error} />
      <ErrorMessage error={exportError} />

      {data && (
        <p className="hint" data-testid="restock-history-days">
          {data.historyDays > 0 ? t('historyDays', { days: data.historyDays }) : t('noHistory')}
        </p>
      )}

      {occasions.length > 0 && (
        <section className="restock-occasions-ahead" data-testid="restock-occasions-ahead">
          <h3>{t('occasionsAhead')}</h3>
          <ul>
            {occasions.map((o) => (
              <li key={`${o.occasionId}:${o.date}`}>
                <strong>{t('occasionRush', { name: occasionName(t, o), date: day(o.date), uplift: upliftText(o.upliftBp, language) })}</strong>{' '}
                <span className="hint">({t(`source.${o.source === 'shop' ? 'history' : 'owner'}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {data && view.length === 0 && (
        <p className="hint" data-testid="restock-nothing">
          {t('nothing')}
        </p>
      )}

      {view.map(({ group: g, lines, totals }) => (
        <section key={g.supplierId ?? NONE} className="restock-supplier" data-testid="restock-supplier">
          <header>
            <h2>{groupName(g)}</h2>
            <span className="hint">{t('supplierHead', { days: g.leadDays, from: day(g.horizonFrom), to: day(g.horizonTo) })}</span>
          </header>
          <table className="table compact restock-table">
            <thead>
              <tr>
                <th>{t('columns.product')}</th>
                <th className="num">{t('columns.avgDaily')}</th>
                <th className="num">{t('columns.expected')}</th>
                <th className="num">{t('columns.onHand')}</th>
                <th className="num" title={t('usableHint')}>
                  {t('columns.usable')}
                </th>
                <th className="num">{t('columns.minStock')}</th>
                <th className="num">{t('columns.need')}</th>
                <th>{t('columns.pack')}</th>
                <th className="num">{t('columns.packs')}</th>
                <th className="num">{t('columns.quantity')}</th>
                <th className="num">{t('columns.estCost')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => {
                const packs = packsOf(g, l);
                const edited = edits.has(keyOf(g, l));
                return (
                  <Fragment key={l.productId}>
                    <tr
                      className={`restock-line${selected === l.productId ? ' selected' : ''}${l.occasions.length > 0 ? ' lifted' : ''}`}
                      onClick={() => setSelected(selected === l.productId ? null : l.productId)}
                      data-testid="restock-line"
                    >
                      <td>
                        {l.name}
                        {l.occasions.map((o) => (
                          <span key={o.occasionId} className="occasion-badge" title={t(`source.${o.source}`)}>
                            {occasionName(t, o)} ×{upliftText(o.upliftBp, language)}
                          </span>
                        ))}
                      </td>
                      <td className="num">{formatNumber(l.avgDaily, language, 1)}</td>
                      <td className="num">{formatNumber(l.expectedDemand, language)}</td>
                      <td className="num">{formatNumber(l.onHand, language)}</td>
                      <td className={`num${l.usable < l.onHand ? ' wilting' : ''}`}>{formatNumber(l.usable, language)}</td>
                      <td className="num">{l.minStock > 0 ? formatNumber(l.minStock, language) : '—'}</td>
                      <td className="num">{formatNumber(l.need, language)}</td>
                      <td>{l.packKind ? `${t(`packKind.${l.packKind}`)} × ${formatNumber(l.packSize, language)}` : '—'}</td>
                      <td className="num" onClick={(e) => e.stopPropagation()}>
                        <input
                          className={`packs-input${edited ? ' edited' : ''}`}
                          type="number"
                          min={0}
                          inputMode="numeric"
                          value={packs}
                          aria-label={`${t('columns.packs')}: ${l.name}`}
                          onChange={(e) => setPacks(g, l, e.target.value)}
                          onFocus={(e) => e.target.select()}
                          data-testid="restock-packs"
                        />
                      </td>
                      <td className="num">{formatNumber(packs * l.packSize, language)}</td>
                      <td className="num">{l.unitCost === null ? '—' : format(packs * l.packSize * l.unitCost)}</td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={8}>{t('total')}</th>
                <th className="num">{formatNumber(totals.packs, language)}</th>
                <th className="num">{formatNumber(totals.quantity, language)}</th>
                <th className="num" data-testid="restock-supplier-total">
                  {format(totals.cost)}
                </th>
              </tr>
            </tfoot>
          </table>
        </section>
      ))}

      {view.length > 0 && (
        <p className="restock-grand-total" data-testid="restock-grand-total">
          {t('grandTotal')}: <strong>{format(grandTotal)}</strong>
        </p>
      )}

      {selected ? (
        <SalesChart productId={selected} weeks={weeks} horizonDays={horizon} />
      ) : (
        data && view.length > 0 && <p className="hint">{t('chart.hint')}</p>
      )}

      {printing &&
        data &&
        createPortal(
          <div className="restock-print" data-testid="restock-print-view">
            <h1>
              {data.shopName} — {t('print.title')}
            </h1>
            <p>
              {t('print.date')}: {day(data.today)}
            </p>
            {view.map(({ group: g, lines, totals }) => (
              <section key={g.supplierId ?? NONE}>
                <h2>{groupName(g)}</h2>
                <table>
                  <thead>
                    <tr>
                      <th>{t('columns.product')}</th>
                      <th>{t('columns.pack')}</th>
                      <th className="num">{t('columns.packs')}</th>
                      <th className="num">{t('columns.quantity')}</th>
                      <th className="num">{t('columns.estCost')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {lines
                      .filter((l) => packsOf(g, l) > 0)
                      .map((l) => (
                        <tr key={l.productId}>
                          <td>{l.name}</td>
                          <td>{l.packKind ? `${t(`packKind.${l.packKind}`)} × ${formatNumber(l.packSize, language)}` : '—'}</td>
                          <td className="num">{formatNumber(packsOf(g, l), language)}</td>
                          <td className="num">{formatNumber(packsOf(g, l) * l.packSize, language)}</td>
                          <td className="num">{l.unitCost === null ? '—' : format(packsOf(g, l) * l.packSize * l.unitCost)}</td>
                        </tr>
                      ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th colSpan={2}>{t('total')}</th>
                      <th className="num">{formatNumber(totals.packs, language)}</th>
                      <th className="num">{formatNumber(totals.quantity, language)}</th>
                      <th className="num">{format(totals.cost)}</th>
                    </tr>
                  </tfoot>
                </table>
              </section>
            ))}
            <p className="restock-print-total">
              {t('grandTotal')}: {format(grandTotal)}
            </p>
            <p className="restock-print-sign">{t('print.signature')}: ____________________</p>
          </div>,
          document.body,
        )}
    </div>
  );
}
