import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { formatDateTime } from '../format/dates';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';

type Printer = Output<'printers.list'>[number];
type Job = Output<'print.jobs'>[number];
type Transport = Printer['transport'];
type CodePage = 'pc437' | 'cp866' | 'wpc1251' | 'rk1048';
type Editing = { kind: 'create' } | { kind: 'edit'; printer: Printer } | null;

const TRANSPORTS: readonly Transport[] = ['tcp', 'serial', 'os'];
const CODE_PAGES: readonly CodePage[] = ['pc437', 'cp866', 'wpc1251', 'rk1048'];
const FORM_FIELDS = ['name', 'transport', 'address', 'baud', 'paperMm', 'codePageNumbers', 'drawer'];

/**
 * Settings → devices → receipt printers: network, serial or system printers, their paper, code pages and
 * cash drawer; a test page per printer; and the print queue below (what waits, what failed and why).
 */
export function PrintersSection() {
  const { t } = useTranslation('printers');
  const { can } = useSession();
  const manage = can('devices.manage');
  const [includeArchived, setIncludeArchived] = useState(false);
  const printers = useApi('printers.list', { includeArchived }, ['devices.changed']);
  const [editing, setEditing] = useState<Editing>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(work: () => Promise<unknown>, done?: string) {
    setRowError(null);
    setNotice(null);
    try {
      await work();
      if (done) setNotice(done);
      printers.reload();
    } catch (e) {
      setRowError(e);
    }
  }

  return (
    <section className="devices-section" data-testid="printers-section" aria-labelledby="printers-title">
      <div className="page-head">
        <h2 id="printers-title">{t('title')}</h2>
        <label className="check">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('showArchived')}
        </label>
        {manage && (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'create' })} data-testid="printer-add">
            {t('add')}
          </button>
        )}
      </div>
      <ErrorMessage error={printers.error ?? rowError} />
      {notice && (
        <p className="hint" role="status">
          {notice}
        </p>
      )}
      {editing && (
        <PrinterForm
          key={editing.kind === 'create' ? 'create' : editing.printer.id}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            printers.reload();
          }}
        />
      )}
      {printers.data && printers.data.length === 0 && <p className="hint">{t('none')}</p>}
      {printers.data && printers.data.length > 0 && (
        <table className="table" data-testid="printers-table">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('connection')}</th>
              <th>{t('paper')}</th>
              <th>{t('default')}</th>
              <th>
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {printers.data.map((printer) => (
              <tr key={printer.id} className={printer.archived ? 'archived' : undefined} data-testid="printer-row">
                <td>{printer.name}</td>
                <td>
                  {t(`transports.${printer.transport}`)}: {printer.address}
                  {printer.baud ? ` (${printer.baud})` : ''}
                </td>
                <td>{t('paperMm', { mm: printer.paperMm })}</td>
                <td>{printer.archived ? t('removed') : printer.isDefault ? '✓' : ''}</td>
                <td className="row-actions">
                  {!printer.archived && manage && (
                    <>
                      <button type="button" onClick={() => void act(() => call('printers.test', { id: printer.id }), t('testSent'))}>
                        {t('test')}
                      </button>
                      <button type="button" onClick={() => setEditing({ kind: 'edit', printer })}>
                        {t('common:actions.edit')}
                      </button>
                      <button type="button" onClick={() => void act(() => call('printers.archive', { id: printer.id }))}>
                        {t('archive')}
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PrintQueue />
    </section>
  );
}

function emptyToUndefined(value: string): number | undefined {
  if (value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) ? n : Number.NaN;
}

function PrinterForm({ editing, onClose, onSaved }: { editing: NonNullable<Editing>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('printers');
  const existing = editing.kind === 'edit' ? editing.printer : null;
  const options = useApi('printers.options', {});
  const [name, setName] = useState(existing?.name ?? '');
  const [transport, setTransport] = useState<Transport>(existing?.transport ?? 'tcp');
  const [address, setAddress] = useState(existing?.address ?? '');
  const [baud, setBaud] = useState<number>(existing?.baud ?? 9600);
  const [paperMm, setPaperMm] = useState<58 | 80>(existing?.paperMm ?? 80);
  const [rk1048, setRk1048] = useState(existing?.rk1048 ?? false);
  const [pages, setPages] = useState<Record<CodePage, string>>(() => {
    const saved: Partial<Record<CodePage, number>> = existing?.codePageNumbers ?? {};
    return Object.fromEntries(CODE_PAGES.map((p) => [p, saved[p] === undefined ? '' : String(saved[p])])) as Record<CodePage, string>;
  });
  const [pin, setPin] = useState<0 | 1>(existing?.drawer.pin ?? 0);
  const [isDefault, setIsDefault] = useState(existing?.isDefault ?? false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [serialPorts, setSerialPorts] = useState<string[]>([]);
  const [osPrinters, setOsPrinters] = useState<string[] | null>(null);

  // Suggestions only: a port or printer that is unplugged right now can still be typed in.
  useEffect(() => {
    let live = true;
    if (transport === 'serial') {
      call('devices.ports', {}).then(
        (ports) => live && setSerialPorts(ports.serial.map((p) => p.path)),
        () => live && setSerialPorts([]),
      );
    } else if (transport === 'os') {
      call('printers.osPrinters', {}).then(
        (names) => live && setOsPrinters(names),
        () => live && setOsPrinters([]),
      );
    }
    return () => {
      live = false;
    };
  }, [transport]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const codePageNumbers: Partial<Record<CodePage, number>> = {};
    for (const p of CODE_PAGES) {
      const n = emptyToUndefined(pages[p]);
      if (n !== undefined) codePageNumbers[p] = n;
    }
    try {
      await call('printers.save', {
        ...(existing ? { id: existing.id } : {}),
        name,
        transport,
        address,
        ...(transport === 'serial' ? { baud } : {}),
        paperMm,
        rk1048,
        codePageNumbers,
        drawer: { pin },
        isDefault,
      });
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const epson: Partial<Record<CodePage, number>> = options.data?.epsonCodePageNumbers ?? {};
  const baudRates = options.data?.baudRates ?? [9600];
  const port = options.data?.defaultTcpPort ?? 9100;

  return (
    <form className="panel" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onClose()} noValidate aria-busy={busy} data-testid="printer-form">
      <h2>{existing ? t('editTitle', { name: existing.name }) : t('addTitle')}</h2>
      <div className="row">
        <Field label={t('name')} names={['name']} error={error}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={t('namePlaceholder')} autoFocus />
        </Field>
        <Field label={t('connection')} names={['transport']} error={error}>
          <select value={transport} onChange={(e) => setTransport(e.target.value as Transport)}>
            {TRANSPORTS.map((tr) => (
              <option key={tr} value={tr}>
                {t(`transports.${tr}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="row">
        {transport === 'tcp' && (
          <Field label={t('address')} names={['address']} error={error} hint={t('addressHint', { port })}>
            <input value={address} onChange={(e) => setAddress(e.target.value)} placeholder={`192.168.1.50:${port}`} inputMode="url" />
          </Field>
        )}
        {transport === 'serial' && (
          <>
            <Field label={t('port')} names={['address']} error={error} hint={t('portHint')}>
              <input value={address} onChange={(e) => setAddress(e.target.value)} list="printer-serial-ports" />
            </Field>
            <datalist id="printer-serial-ports">
              {serialPorts.map((p) => (
                <option key={p} value={p} />
              ))}
            </datalist>
            <Field label={t('baud')} names={['baud']} error={error}>
              <select value={baud} onChange={(e) => setBaud(Number(e.target.value))}>
                {baudRates.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </Field>
          </>
        )}
        {transport === 'os' && (
          <Field label={t('osPrinter')} names={['address']} error={error} {...(osPrinters?.length === 0 ? { hint: t('osPrinterNone') } : {})}>
            {osPrinters && osPrinters.length > 0 ? (
              <select value={address} onChange={(e) => setAddress(e.target.value)}>
                <option value="" />
                {osPrinters.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            ) : (
              <input value={address} onChange={(e) => setAddress(e.target.value)} />
            )}
          </Field>
        )}
        <Field label={t('paper')} names={['paperMm']} error={error}>
          <select value={paperMm} onChange={(e) => setPaperMm(Number(e.target.value) === 58 ? 58 : 80)}>
            {[80, 58].map((mm) => (
              <option key={mm} value={mm}>
                {t('paperMm', { mm })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('drawerPin')} names={['drawer', 'drawer.pin']} error={error}>
          <select value={pin} onChange={(e) => setPin(Number(e.target.value) === 1 ? 1 : 0)}>
            {/* ESC p 0/1 drive connector pins 2 and 5: the numbers printed on drawer cables */}
            <option value={0}>{t('drawerPinValue', { pin: 2 })}</option>
            <option value={1}>{t('drawerPinValue', { pin: 5 })}</option>
          </select>
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={rk1048} onChange={(e) => setRk1048(e.target.checked)} />
        {t('rk1048')}
      </label>
      <fieldset className="code-pages">
        <legend>{t('codePages')}</legend>
        <div className="row">
          {CODE_PAGES.map((p) => (
            <Field key={p} label={t(`codePageNames.${p}`)} names={[`codePageNumbers.${p}`]} error={error}>
              <input
                value={pages[p]}
                onChange={(e) => setPages((s) => ({ ...s, [p]: e.target.value.replace(/\D/g, '').slice(0, 3) }))}
                inputMode="numeric"
                placeholder={epson[p] === undefined ? t('noDefault') : String(epson[p])}
                size={4}
              />
            </Field>
          ))}
        </div>
        <small className="hint">{t('codePagesHint')}</small>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
        {t('isDefault')}
      </label>
      {!isFieldError(error, FORM_FIELDS) && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('common:actions.save')}
        </button>
      </div>
    </form>
  );
}

/** What a job prints, for a person. */
export function jobLabel(job: Job, t: (key: string, params?: Record<string, unknown>) => string): string {
  const what =
    job.documentType === 'sale'
      ? t(job.saleKind === 'return' ? 'printers:document.return' : 'printers:document.sale', { number: job.saleNumber ?? '' })
      : job.documentType === 'report'
        ? t(job.reportKind === 'z' ? 'printers:document.reportZ' : 'printers:document.reportX')
        : t(`printers:document.${job.documentType}`);
  return job.copy ? `${what} (${t('printers:copy')})` : what;
}

/** The recent print jobs with their state and the reason of the last failure; waiting and failed ones can be retried. */
export function PrintQueue({ active = false }: { active?: boolean }) {
  const { t, i18n } = useTranslation('printers');
  const jobs = useApi('print.jobs', active ? { active: true, limit: 30 } : { limit: 30 }, ['print.changed']);
  const [error, setError] = useState<unknown>(null);

  async function retry(job: Job) {
    setError(null);
    try {
      await call('print.retry', { jobId: job.id });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="print-queue" data-testid="print-queue">
      {!active && <h3>{t('queue')}</h3>}
      <ErrorMessage error={jobs.error ?? error} />
      {jobs.data && jobs.data.length === 0 && <p className="hint">{t('queueEmpty')}</p>}
      {jobs.data && jobs.data.length > 0 && (
        <table className="table">
          <tbody>
            {jobs.data.map((job) => (
              <tr key={job.id} data-testid="print-job" data-status={job.status}>
                <td>{formatDateTime(job.createdAt, i18n.language)}</td>
                <td>{jobLabel(job, t)}</td>
                <td>{job.printerName}</td>
                <td>
                  {t(`jobStatus.${job.status}`)}
                  {job.lastError && job.status !== 'done' && (
                    <>
                      {': '}
                      {t(job.lastError)}
                    </>
                  )}
                  {job.status === 'queued' && job.attempts > 0 && job.nextAttemptAt && (
                    <small className="hint">
                      {' '}
                      {t('attempts', { count: job.attempts })}, {t('nextAttempt', { time: formatDateTime(job.nextAttemptAt, i18n.language) })}
                    </small>
                  )}
                </td>
                <td className="row-actions">
                  {(job.status === 'failed' || (job.status === 'queued' && job.attempts > 0)) && (
                    <button type="button" onClick={() => void retry(job)}>
                      {t('retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
