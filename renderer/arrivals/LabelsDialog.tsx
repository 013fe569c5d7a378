import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { LabelSheet, type LabelSet } from './LabelSheet';

const COPIES = ['perLine', 'perStem'] as const;
type Copies = (typeof COPIES)[number];

/**
 * "Print labels" for an arrival: one label per line or per stem, on the receipt/label printer (through
 * the print queue) or on an A4 sheet from the PC's printer (a preview, then window.print()).
 */
export function LabelsDialog({ arrival, onClose }: { arrival: { arrivalId: string; number: number }; onClose: () => void }) {
  const { t } = useTranslation('arrivals');
  const printers = useApi('printers.list', {}, ['devices.changed']);
  const [copies, setCopies] = useState<Copies>('perLine');
  const [printerId, setPrinterId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [queued, setQueued] = useState<number | null>(null);
  const [sheet, setSheet] = useState<LabelSet | null>(null);

  const list = useMemo(() => printers.data ?? [], [printers.data]);
  useEffect(() => {
    if (printerId === '' && list.length > 0) setPrinterId((list.find((p) => p.isDefault) ?? list[0])?.id ?? '');
  }, [list, printerId]);

  async function toPrinter() {
    setBusy(true);
    setError(null);
    try {
      const res = await call('arrivals.printLabels', { arrivalId: arrival.arrivalId, copies, ...(printerId ? { printerId } : {}) });
      setQueued(res.labels);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function toSheet() {
    setBusy(true);
    setError(null);
    try {
      setSheet(await call('arrivals.labelSheet', { arrivalId: arrival.arrivalId, copies }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function printSheet() {
    if (!sheet) return;
    window.print();
    void call('arrivals.sheetPrinted', { arrivalId: arrival.arrivalId, labels: sheet.total }).catch(() => undefined);
  }

  if (sheet) {
    return (
      <Modal title={t('labels.sheetTitle', { number: arrival.number, labels: sheet.total })} onClose={() => setSheet(null)} onConfirm={printSheet} wide testId="labels-sheet-dialog"
        footer={
          <>
            <button type="button" onClick={() => setSheet(null)}>
              {t('labels.back')} <Kbd>Esc</Kbd>
            </button>
            <button type="button" className="primary" onClick={printSheet} data-testid="labels-sheet-print" data-autofocus>
              {t('labels.print')} <Kbd>Ctrl+↵</Kbd>
            </button>
          </>
        }
      >
        <p className="hint">{t('labels.sheetHint')}</p>
        <div className="label-sheet-preview">
          <LabelSheet set={sheet} />
        </div>
        <LabelSheet set={sheet} portal />
      </Modal>
    );
  }

  return (
    <Modal
      title={t('labels.title', { number: arrival.number })}
      onClose={onClose}
      onConfirm={() => void (list.length > 0 ? toPrinter() : toSheet())}
      busy={busy}
      testId="labels-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t('labels.close')} <Kbd>Esc</Kbd>
          </button>
          <button type="button" onClick={() => void toSheet()} disabled={busy} data-testid="labels-sheet">
            {t('labels.sheet')}
          </button>
          <button type="button" className="primary" onClick={() => void toPrinter()} disabled={busy || list.length === 0} data-testid="labels-printer" data-autofocus>
            {t('labels.toPrinter')} <Kbd>Ctrl+↵</Kbd>
          </button>
        </>
      }
    >
      <fieldset className="labels-copies">
        <legend>{t('labels.copies')}</legend>
        {COPIES.map((c) => (
          <label key={c} className="check">
            <input type="radio" name="label-copies" checked={copies === c} onChange={() => setCopies(c)} data-testid={`labels-${c}`} />
            {t(`labels.${c}`)}
          </label>
        ))}
      </fieldset>
      {list.length > 0 ? (
        <label className="field">
          <span>{t('labels.printer')}</span>
          <select value={printerId} onChange={(e) => setPrinterId(e.target.value)} data-testid="labels-printer-select">
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="hint">{t('labels.noPrinter')}</p>
      )}
      {queued !== null && (
        <p className="notice" role="status" data-testid="labels-queued">
          {t('labels.queued', { labels: queued })}
        </p>
      )}
      <ErrorMessage error={error ?? printers.error} />
    </Modal>
  );
}
