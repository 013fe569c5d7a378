import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, randomId } from '../api/client';
import { useApi, useBackendEvent } from '../api/hooks';
import { formatNumber } from '../format/numbers';
import { ESC } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { PreviewTables, type TerminalPreview } from './PreviewTables';
import './terminals.css';

type Stage = { kind: 'setup' } | { kind: 'listening'; uploadId: string; lines: number } | { kind: 'preview'; uploadId: string; preview: TerminalPreview } | { kind: 'done'; lines: number; quantity: number };

const PORT_KEY = 'posy.terminal.port';
const BAUD_KEY = 'posy.terminal.baud';

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: the choice is simply not kept
  }
}

/**
 * Receives a terminal's upload over the serial port its cradle is on: pick the port and speed, start,
 * then press "upload" on the terminal. The line count grows live; when the terminal finishes (END,
 * Ctrl-Z or a pause) the lines are previewed like a file and added on confirmation.
 */
export function SerialUploadDialog({ countId, onClose, onDone }: { countId: string; onClose: () => void; onDone?: () => void }) {
  const { t, i18n } = useTranslation('terminals');
  const ports = useApi('terminals.ports', {});
  const [path, setPath] = useState(() => remembered(PORT_KEY) ?? '');
  const [baudRate, setBaudRate] = useState(() => Number(remembered(BAUD_KEY) ?? 9600) || 9600);
  const [stage, setStage] = useState<Stage>({ kind: 'setup' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [requestId] = useState(randomId);
  /** The upload the backend keeps for this dialog (listening or received), freed when the dialog goes. */
  const held = useRef<string | null>(null);

  // the first port found, when none was used before
  useEffect(() => {
    const first = ports.data?.ports[0]?.path;
    if (path === '' && first) setPath(first);
  }, [ports.data, path]);

  // closing the dialog frees the port (still listening) or the received lines (not added)
  useEffect(
    () => () => {
      if (held.current) void call('terminals.cancel', { uploadId: held.current }).catch(() => undefined);
    },
    [],
  );

  useBackendEvent(['terminal.upload'], (event) => {
    if (event.type !== 'terminal.upload' || stage.kind !== 'listening' || event.uploadId !== stage.uploadId) return;
    if (!event.done) {
      setStage({ ...stage, lines: event.lines });
      return;
    }
    const uploadId = stage.uploadId;
    call('terminals.upload', { uploadId }).then(
      (r) => setStage({ kind: 'preview', uploadId, preview: r.preview }),
      (err: unknown) => {
        // what came is unreadable (or gone): free it, the next try starts clean
        setError(err);
        held.current = null;
        setStage({ kind: 'setup' });
        void call('terminals.cancel', { uploadId }).catch(() => undefined);
      },
    );
  });

  async function listen() {
    if (busy || path.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      remember(PORT_KEY, path.trim());
      remember(BAUD_KEY, String(baudRate));
      const { uploadId } = await call('terminals.listen', { countId, path: path.trim(), baudRate });
      held.current = uploadId;
      setStage({ kind: 'listening', uploadId, lines: 0 });
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  /** Back to the start: the port is freed and what was received is dropped. */
  async function restart() {
    const uploadId = held.current;
    held.current = null;
    setStage({ kind: 'setup' });
    if (uploadId) await call('terminals.cancel', { uploadId }).catch(() => undefined);
  }

  async function add() {
    if (stage.kind !== 'preview' || busy || stage.preview.totals.matchedLines === 0) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('terminals.importUpload', { uploadId: stage.uploadId, countId, requestId });
      held.current = null;
      setStage({ kind: 'done', lines: r.lines, quantity: r.quantity });
      onDone?.();
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  }

  function close() {
    void restart();
    onClose();
  }

  const n = (v: number) => formatNumber(v, i18n.language);
  const off = ports.data && !ports.data.available;
  const matchedLines = stage.kind === 'preview' ? stage.preview.totals.matchedLines : 0;
  return (
    <Modal
      title={t('serialTitle')}
      onClose={close}
      onConfirm={() => void (stage.kind === 'setup' ? listen() : stage.kind === 'preview' ? add() : stage.kind === 'done' ? onClose() : undefined)}
      busy={busy}
      wide
      testId="terminal-serial-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={close} disabled={busy} data-testid="terminal-serial-close">
            {stage.kind === 'done' ? t('close') : t('cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          {stage.kind === 'setup' && (
            <button type="button" className="primary" disabled={busy || off === true || path.trim() === ''} onClick={() => void listen()} data-testid="terminal-serial-listen">
              {t('listen')}
              <Kbd>{'Ctrl+↵'}</Kbd>
            </button>
          )}
          {stage.kind === 'preview' && (
            <>
              <button type="button" onClick={() => void restart()} disabled={busy}>
                {t('again')}
              </button>
              <button type="button" className="primary" disabled={busy || matchedLines === 0} onClick={() => void add()} data-testid="terminal-serial-confirm">
                {t('add', { count: matchedLines, lines: n(matchedLines) })}
                <Kbd>{'Ctrl+↵'}</Kbd>
              </button>
            </>
          )}
        </>
      }
    >
      {off && (
        <p className="error-message refused" role="alert" title={ports.data?.detail} data-testid="terminal-serial-off">
          {t('serialOff')}
        </p>
      )}
      <ErrorMessage error={ports.error} />
      {stage.kind === 'setup' && (
        <div className="row">
          <div className="field">
            <label>
              {t('port')}
              <input
                value={path}
                onChange={(e) => setPath(e.target.value)}
                list="terminal-serial-ports"
                maxLength={255}
                spellCheck={false}
                disabled={off === true}
                data-autofocus=""
                data-testid="terminal-serial-port"
              />
            </label>
            <datalist id="terminal-serial-ports">
              {(ports.data?.ports ?? []).map((p) => (
                <option key={p.path} value={p.path}>
                  {[p.manufacturer, p.serialNumber].filter(Boolean).join(' · ')}
                </option>
              ))}
            </datalist>
            <small className="hint">{ports.data && ports.data.ports.length === 0 ? t('noPorts') : t('portHint')}</small>
          </div>
          <div className="field">
            <label>
              {t('baud')}
              <select value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))} disabled={off === true} data-testid="terminal-serial-baud">
                {(ports.data?.baudRates ?? [baudRate]).map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </div>
      )}
      {stage.kind === 'listening' && (
        <div className="terminal-listening" role="status" data-testid="terminal-serial-waiting">
          <p className="lead">{stage.lines === 0 ? t('waiting') : t('receiving', { lines: n(stage.lines) })}</p>
          <p className="hint">{t('waitingHint')}</p>
          <button type="button" onClick={() => void restart()} data-testid="terminal-serial-stop">
            {t('stop')}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
      {stage.kind === 'preview' && <PreviewTables preview={stage.preview} />}
      {stage.kind === 'done' && (
        <p className="calm" role="status" data-testid="terminal-serial-done">
          {t('added', { lines: n(stage.lines), quantity: n(stage.quantity) })}
        </p>
      )}
    </Modal>
  );
}
