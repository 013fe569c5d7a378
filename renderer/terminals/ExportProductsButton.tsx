import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type Output } from '../api/client';
import { formatNumber } from '../format/numbers';
import { ESC } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { SEPARATOR_KEY, type Separator } from './PreviewTables';
import './terminals.css';

type FileEncoding = 'utf-8' | 'windows-1251';
type FileSeparator = Exclude<Separator, 'auto'>;
const FILE_ENCODINGS: readonly FileEncoding[] = ['windows-1251', 'utf-8'];
const FILE_SEPARATORS: readonly FileSeparator[] = [';', ',', '\t'];

/** Saves base64 content as a file through a temporary Blob link (works in Electron and in a browser). */
export function downloadBase64(fileName: string, contentBase64: string, type = 'text/csv'): void {
  const binary = atob(contentBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Export product list": the file a terminal loads to show names and prices while counting
 * (barcode, name, price). Most terminals here read Windows-1251; names it cannot hold are reported.
 */
export function ExportProductsButton({ categoryId }: { categoryId?: string }) {
  const { t, i18n } = useTranslation('terminals');
  const [open, setOpen] = useState(false);
  const [encoding, setEncoding] = useState<FileEncoding>('windows-1251');
  const [separator, setSeparator] = useState<FileSeparator>(';');
  const [header, setHeader] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Output<'terminals.exportProducts'> | null>(null);
  const n = (v: number) => formatNumber(v, i18n.language);

  async function save() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('terminals.exportProducts', { encoding, separator, header, ...(categoryId ? { categoryId } : {}) });
      downloadBase64(r.fileName, r.contentBase64, separator === '\t' ? 'text/plain' : 'text/csv');
      setResult(r);
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  function close() {
    setOpen(false);
    setResult(null);
    setError(null);
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="terminal-export-open">
        {t('exportButton')}
      </button>
      {open && (
        <Modal
          title={t('exportTitle')}
          onClose={close}
          onConfirm={() => void save()}
          busy={busy}
          testId="terminal-export-dialog"
          footer={
            <>
              <span className="spacer" />
              <button type="button" onClick={close} disabled={busy}>
                {result ? t('close') : t('cancel')}
                <Kbd>{ESC}</Kbd>
              </button>
              <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid="terminal-export-save">
                {t('exportSave')}
                <Kbd>{'Ctrl+↵'}</Kbd>
              </button>
            </>
          }
        >
          <p className="hint">{t('exportHint')}</p>
          <div className="row">
            <div className="field">
              <label>
                {t('encoding')}
                <select value={encoding} onChange={(e) => setEncoding(e.target.value as FileEncoding)} data-autofocus="" data-testid="terminal-export-encoding">
                  {FILE_ENCODINGS.map((e) => (
                    <option key={e} value={e}>
                      {t(`encodings.${e}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="field">
              <label>
                {t('separator')}
                <select value={separator} onChange={(e) => setSeparator(e.target.value as FileSeparator)} data-testid="terminal-export-separator">
                  {FILE_SEPARATORS.map((s) => (
                    <option key={SEPARATOR_KEY[s]} value={s}>
                      {t(`separators.${SEPARATOR_KEY[s]}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </div>
          <label className="check">
            <input type="checkbox" checked={header} onChange={(e) => setHeader(e.target.checked)} data-testid="terminal-export-header" />
            {t('exportHeader')}
          </label>
          <ErrorMessage error={error} />
          {result && (
            <div className="calm" role="status" data-testid="terminal-export-done">
              <p>{t('exported', { rows: n(result.rows), fileName: result.fileName })}</p>
              {result.replaced > 0 && <p>{t('replaced', { names: n(result.replaced) })}</p>}
              {result.withoutBarcode > 0 && <p>{t('withoutBarcode', { products: n(result.withoutBarcode) })}</p>}
            </div>
          )}
        </Modal>
      )}
    </>
  );
}
