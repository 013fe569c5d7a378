import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi, useBackendEvent } from '../api/hooks';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';

type Scanner = Output<'scanners.list'>[number];
type Ports = Output<'devices.ports'>;
type Kind = 'serial' | 'hid';
type Suffix = Ports['options']['suffixes'][number];
type Editing = { kind: 'create' } | { kind: 'edit'; scanner: Scanner } | null;

const KINDS: readonly Kind[] = ['serial', 'hid'];
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/**
 * Settings → devices → scanners that are not keyboards: serial (COM) scanners and USB scanners in HID POS
 * mode. Keyboard-wedge scanners need nothing here. Each row shows whether the scanner is connected now
 * (it follows unplug and replug live) and the last code it read, so the person can test it on the spot.
 */
export function ScannersSection() {
  const { t } = useTranslation('scanners');
  const { can } = useSession();
  const manage = can('devices.manage');
  const scanners = useApi('scanners.list', {}, ['devices.changed']);
  const [editing, setEditing] = useState<Editing>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [lastScan, setLastScan] = useState<Record<string, string>>({});

  useBackendEvent(['scan'], (event) => {
    if (event.type === 'scan') setLastScan((s) => ({ ...s, [event.scannerId]: event.code }));
  });

  async function archive(scanner: Scanner) {
    setRowError(null);
    try {
      await call('scanners.archive', { id: scanner.id });
      scanners.reload();
    } catch (e) {
      setRowError(e);
    }
  }

  return (
    <section className="devices-section" data-testid="scanners-section" aria-labelledby="scanners-title">
      <div className="page-head">
        <h2 id="scanners-title">{t('title')}</h2>
        {manage && (
          <button type="button" className="primary" onClick={() => setEditing({ kind: 'create' })} data-testid="scanner-add">
            {t('add')}
          </button>
        )}
      </div>
      <p className="hint">{t('intro')}</p>
      <ErrorMessage error={scanners.error ?? rowError} />
      {editing && (
        <ScannerForm
          key={editing.kind === 'create' ? 'create' : editing.scanner.id}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            scanners.reload();
          }}
        />
      )}
      {scanners.data && scanners.data.length === 0 && <p className="hint">{t('none')}</p>}
      {scanners.data && scanners.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('kind')}</th>
              <th>{t('device')}</th>
              <th>{t('status')}</th>
              <th>{t('lastScan')}</th>
              <th>
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {scanners.data.map((scanner) => (
              <tr key={scanner.id} data-testid="scanner-row" data-state={scanner.state}>
                <td>{scanner.name}</td>
                <td>{t(`kinds.${scanner.kind}`)}</td>
                <td className="details">{describeSettings(scanner, t)}</td>
                <td>
                  <span className={`scanner-state ${scanner.state}`}>
                    {t(`states.${scanner.state}`)}
                  </span>
                  {scanner.reason && <small className="hint scanner-reason">{t(scanner.reason)}</small>}
                  {/* The system's own words ("Permission denied", "busy"): what support asks for first. */}
                  {scanner.state === 'disconnected' && scanner.detail && <small className="details scanner-detail">{scanner.detail}</small>}
                </td>
                <td className="details" data-testid="scanner-last-scan">
                  {lastScan[scanner.id] ?? '—'}
                </td>
                <td className="row-actions">
                  {manage && (
                    <>
                      <button type="button" onClick={() => setEditing({ kind: 'edit', scanner })}>
                        {t('common:actions.edit')}
                      </button>
                      <button type="button" onClick={() => void archive(scanner)} data-testid="scanner-archive">
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
    </section>
  );
}

function describeSettings(scanner: Scanner, t: (key: string, params?: Record<string, unknown>) => string): string {
  const s = scanner.settings;
  if (!s) return '—';
  if ('path' in s) {
    const end = s.suffix === 'none' ? t('silenceShort', { ms: s.silenceMs }) : t(`suffixes.${s.suffix}`);
    return `${s.path} · ${s.baudRate} · ${end}`;
  }
  return `USB ${hex4(s.vendorId)}:${hex4(s.productId)}${s.serialNumber ? ` · ${s.serialNumber}` : ''}`;
}

const FORM_FIELDS = ['name', 'kind', 'settings', 'settings.path', 'settings.baudRate', 'settings.suffix', 'settings.silenceMs', 'settings.vendorId', 'settings.productId'];

function hidKey(d: { vendorId: number; productId: number; serialNumber?: string }): string {
  return `${d.vendorId}:${d.productId}:${d.serialNumber ?? ''}`;
}

function ScannerForm({ editing, onClose, onSaved }: { editing: NonNullable<Editing>; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('scanners');
  const ports = useApi('devices.ports', {}, ['devices.changed']);
  const existing = editing.kind === 'edit' ? editing.scanner : null;
  const before = existing?.settings ?? null;
  const serialBefore = before && 'path' in before ? before : null;
  const hidBefore = before && 'vendorId' in before ? before : null;

  const [name, setName] = useState(existing?.name ?? '');
  const [kind, setKind] = useState<Kind>((existing?.kind as Kind | undefined) ?? 'serial');
  const [path, setPath] = useState(serialBefore?.path ?? '');
  const [baudRate, setBaudRate] = useState(serialBefore?.baudRate ?? 9600);
  const [suffix, setSuffix] = useState<Suffix>(serialBefore?.suffix ?? 'cr');
  const [silenceMs, setSilenceMs] = useState(String(serialBefore?.silenceMs ?? 50));
  const [hid, setHid] = useState(hidBefore ? hidKey(hidBefore) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const types = ports.data?.types;
  const options = ports.data?.options;
  const hidDevices = ports.data?.hid ?? [];
  const chosenHid = hidDevices.find((d) => hidKey(d) === hid) ?? (hidBefore && hidKey(hidBefore) === hid ? hidBefore : undefined);
  const typeOff = types?.[kind].available === false ? types[kind] : null;

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const id = existing ? { id: existing.id } : {};
    try {
      if (kind === 'serial') {
        await call('scanners.save', {
          ...id,
          name,
          kind,
          settings: { path, baudRate, suffix, silenceMs: Number(silenceMs) },
        });
      } else {
        if (!chosenHid) {
          setError({ code: 'invalid_input', messageKey: 'scanners:pickHid', field: 'settings' });
          setBusy(false);
          return;
        }
        await call('scanners.save', {
          ...id,
          name,
          kind,
          settings: {
            vendorId: chosenHid.vendorId,
            productId: chosenHid.productId,
            ...(chosenHid.serialNumber ? { serialNumber: chosenHid.serialNumber } : {}),
          },
        });
      }
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form className="panel" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onClose()} noValidate aria-busy={busy} data-testid="scanner-form">
      <h3>{existing ? t('editTitle', { name: existing.name }) : t('add')}</h3>
      <div className="row">
        <Field label={t('name')} names={['name']} error={error}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} autoFocus placeholder={t('namePlaceholder')} />
        </Field>
        <Field label={t('kind')} names={['kind']} error={error}>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="scanner-kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
                {types?.[k].available === false ? ` — ${t('typeOff')}` : ''}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {typeOff && (
        <p className="error-message refused" role="alert" data-testid="scanner-type-off" title={typeOff.detail}>
          {typeOff.reason ? t(typeOff.reason) : t('typeOff')}
        </p>
      )}
      <ErrorMessage error={ports.error} />
      <div className="inline">
        <span className="hint">{t('detected', { serial: ports.data?.serial.length ?? 0, hid: hidDevices.length })}</span>
        {/* Plugging in a device that is not set up yet sends no event: the person asks for a fresh look. */}
        <button type="button" onClick={ports.reload} disabled={ports.loading} data-testid="scanner-refresh">
          {t('refresh')}
        </button>
      </div>
      {kind === 'serial' ? (
        <>
          <div className="row">
            <Field label={t('port')} names={['settings.path']} error={error} hint={t('portHint')}>
              <input value={path} onChange={(e) => setPath(e.target.value)} list="scanner-serial-ports" maxLength={300} spellCheck={false} data-testid="scanner-path" />
            </Field>
            <datalist id="scanner-serial-ports">
              {(ports.data?.serial ?? []).map((p) => (
                <option key={p.path} value={p.path}>
                  {[p.manufacturer, p.serialNumber].filter(Boolean).join(' · ')}
                </option>
              ))}
            </datalist>
            <Field label={t('baudRate')} names={['settings.baudRate']} error={error}>
              <select value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
                {(options?.baudRates ?? [baudRate]).map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="row">
            <Field label={t('suffix')} names={['settings.suffix']} error={error} hint={t('suffixHint')}>
              <select value={suffix} onChange={(e) => setSuffix(e.target.value as Suffix)} data-testid="scanner-suffix">
                {(options?.suffixes ?? [suffix]).map((s) => (
                  <option key={s} value={s}>
                    {t(`suffixes.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            {suffix === 'none' && (
              <Field
                label={t('silence')}
                names={['settings.silenceMs']}
                error={error}
                hint={options ? t('silenceHint', { min: options.silenceMs.min, max: options.silenceMs.max }) : undefined}
              >
                <input type="number" inputMode="numeric" value={silenceMs} onChange={(e) => setSilenceMs(e.target.value.replace(/\D/g, ''))} />
              </Field>
            )}
          </div>
        </>
      ) : (
        <Field label={t('hidDevice')} names={['settings', 'settings.vendorId', 'settings.productId']} error={error} hint={t('hidHint')}>
          <select value={hid} onChange={(e) => setHid(e.target.value)} data-testid="scanner-hid">
            <option value="">{hidDevices.length === 0 ? t('noHid') : t('pickHidOption')}</option>
            {hidBefore && !hidDevices.some((d) => hidKey(d) === hidKey(hidBefore)) && (
              <option value={hidKey(hidBefore)}>{`USB ${hex4(hidBefore.vendorId)}:${hex4(hidBefore.productId)} — ${t('notPlugged')}`}</option>
            )}
            {hidDevices.map((d) => (
              <option key={`${hidKey(d)}:${d.usagePage ?? ''}`} value={hidKey(d)}>
                {[d.manufacturer, d.product].filter(Boolean).join(' ') || t('unnamedDevice')}
                {` (${hex4(d.vendorId)}:${hex4(d.productId)})`}
                {d.posScanner ? ` — ${t('posScanner')}` : ` — ${t('notPos')}`}
              </option>
            ))}
          </select>
        </Field>
      )}
      {!isFieldError(error, FORM_FIELDS) && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('common:actions.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy || typeOff !== null} data-testid="scanner-save">
          {t('common:actions.save')}
        </button>
      </div>
    </form>
  );
}
