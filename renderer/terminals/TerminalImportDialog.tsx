import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, randomId } from '../api/client';
import { formatNumber } from '../format/numbers';
import { ESC } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { FormatSelects, PreviewTables, type Encoding, type Separator, type TerminalPreview } from './PreviewTables';
import './terminals.css';

/** The file as base64 (what the API takes), read by the browser without a round of string building. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Files past this are refused before they are sent (the backend refuses them too). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * A data-collection terminal's file (CSV/TXT) into an open count: pick the file, see what it holds
 * (found products, unknown barcodes, bad lines with their numbers and reasons), then add the found
 * lines. Nothing is written before "Add".
 */
export function TerminalImportDialog({ countId, onClose, onDone }: { countId: string; onClose: () => void; onDone?: () => void }) {
  const { t, i18n } = useTranslation('terminals');
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [separator, setSeparator] = useState<Separator>('auto');
  const [preview, setPreview] = useState<TerminalPreview | null>(null);
  const [reading, setReading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ lines: number; quantity: number } | null>(null);
  // one request id per file picked: pressing Add again after a lost answer does not count the file twice,
  // and a second file picked in the same dialog is a new import (not an answer to the first one)
  const requestId = useRef(randomId());

  useEffect(() => {
    if (!file) return;
    let current = true;
    setReading(true);
    setError(null);
    call('terminals.preview', { countId, fileName: file.name, contentBase64: file.content, encoding, separator }).then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setReading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setPreview(null);
        setError(err);
        setReading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [file, encoding, separator, countId]);

  async function pick(chosen: File | undefined) {
    requestId.current = randomId();
    setPreview(null);
    setDone(null);
    setError(null);
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_FILE_BYTES) {
      setFile(null);
      setError({ code: 'too_large', messageKey: 'errors:terminals.fileTooLarge' });
      return;
    }
    try {
      setFile({ name: chosen.name, content: await readAsBase64(chosen) });
    } catch (err) {
      setError(err);
    }
  }

  const lines = preview?.totals.matchedLines ?? 0;
  const canAdd = preview !== null && lines > 0 && !busy && !reading && done === null;

  async function add() {
    if (!canAdd || !file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('terminals.import', {
        countId,
        fileName: file.name,
        contentBase64: file.content,
        // what the preview found, so the import reads the file exactly as shown
        encoding: preview.encoding,
        separator: preview.separator,
        requestId: requestId.current,
      });
      setDone({ lines: r.lines, quantity: r.quantity });
      onDone?.();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Modal
      title={t('importTitle')}
      onClose={onClose}
      onConfirm={() => void (done ? onClose() : add())}
      busy={busy}
      wide
      testId="terminal-import-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy} data-testid="terminal-import-close">
            {done ? t('close') : t('cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          {!done && (
            <button type="button" className="primary" disabled={!canAdd} onClick={() => void add()} data-testid="terminal-import-confirm">
              {t('add', { count: lines, lines: n(lines) })}
              <Kbd>{'Ctrl+↵'}</Kbd>
            </button>
          )}
        </>
      }
    >
      <div className="field">
        <label>
          {t('chooseFile')}
          <input
            type="file"
            accept=".csv,.txt,.tsv,.dat,text/plain,text/csv"
            onChange={(e) => void pick(e.target.files?.[0])}
            disabled={busy}
            data-autofocus=""
            data-testid="terminal-file"
          />
        </label>
        <small className="hint">{t('fileHint')}</small>
      </div>
      <FormatSelects encoding={encoding} separator={separator} onEncoding={setEncoding} onSeparator={setSeparator} disabled={busy} />
      {reading && <p className="wait">{t('reading')}</p>}
      <ErrorMessage error={error} />
      {done && (
        <p className="calm" role="status" data-testid="terminal-import-done">
          {t('added', { lines: n(done.lines), quantity: n(done.quantity) })}
        </p>
      )}
      {preview && !done && <PreviewTables preview={preview} />}
    </Modal>
  );
}
