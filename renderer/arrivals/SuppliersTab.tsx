import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ProductPicker, type PickedProduct } from './ProductPicker';

type Supplier = Output<'suppliers.list'>[number];
const PACK_KINDS = ['bunch', 'box', 'pack'] as const;
type PackKind = (typeof PACK_KINDS)[number];

/** Suppliers (name, phone, delivery days) and, for the one chosen, what it sells each product in. */
export function SuppliersTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('arrivals');
  const [includeArchived, setIncludeArchived] = useState(false);
  const suppliers = useApi('suppliers.list', { includeArchived }, ['suppliers.changed']);
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = suppliers.data ?? [];
  const chosen = list.find((s) => s.id === selected) ?? null;

  async function archive(s: Supplier) {
    setError(null);
    try {
      await call('suppliers.archive', { id: s.id });
      suppliers.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="suppliers-tab">
      <div className="page-head sub">
        <label className="check">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          {t('suppliers.showArchived')}
        </label>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="supplier-add">
            {t('suppliers.add')}
          </button>
        )}
      </div>
      <ErrorMessage error={suppliers.error ?? error} />
      {list.length === 0 ? (
        <p className="hint">{t('suppliers.empty')}</p>
      ) : (
        <table className="table" data-testid="supplier-list">
          <thead>
            <tr>
              <th>{t('suppliers.name')}</th>
              <th>{t('suppliers.phone')}</th>
              <th className="num">{t('suppliers.leadDays')}</th>
              <th className="num">{t('suppliers.products')}</th>
              <th>
                <span className="sr-only">{t('suppliers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id} className={`${s.archived ? 'archived ' : ''}${s.id === selected ? 'selected' : ''}`} data-testid="supplier-row">
                <td>
                  <button type="button" className="link" onClick={() => setSelected(s.id === selected ? null : s.id)}>
                    {s.name}
                  </button>
                  {s.note && <small className="hint">{s.note}</small>}
                </td>
                <td>{s.phone ?? ''}</td>
                <td className="num">{s.leadDays}</td>
                <td className="num">{s.products}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => setSelected(s.id)}>
                    {t('suppliers.packs')}
                  </button>
                  {canEdit && (
                    <button type="button" onClick={() => setEditing(s)}>
                      {s.archived ? t('suppliers.restore') : t('suppliers.edit')}
                    </button>
                  )}
                  {canEdit && !s.archived && (
                    <button type="button" onClick={() => void archive(s)}>
                      {t('suppliers.archive')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen && <PacksPanel supplier={chosen} canEdit={canEdit} />}
      {editing && (
        <SupplierForm
          supplier={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(s) => {
            setEditing(null);
            setSelected(s.id);
            suppliers.reload();
          }}
        />
      )}
    </div>
  );
}

const FORM_FIELDS = ['name', 'phone', 'note', 'leadDays'];

function SupplierForm({ supplier, onClose, onSaved }: { supplier: Supplier | null; onClose: () => void; onSaved: (s: Supplier) => void }) {
  const { t } = useTranslation('arrivals');
  const [name, setName] = useState(supplier?.name ?? '');
  const [phone, setPhone] = useState(supplier?.phone ?? '');
  const [note, setNote] = useState(supplier?.note ?? '');
  const [leadDays, setLeadDays] = useState(String(supplier?.leadDays ?? 2));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    setBusy(true);
    setError(null);
    try {
      const days = /^\d+$/.test(leadDays.trim()) ? Number(leadDays.trim()) : -1;
      const saved = await call('suppliers.save', { ...(supplier ? { id: supplier.id } : {}), name, phone, note, leadDays: days });
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={supplier ? t('suppliers.editTitle') : t('suppliers.addTitle')}
      onClose={onClose}
      onConfirm={() => void save()}
      busy={busy}
      testId="supplier-form"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t('labels.close')} <Kbd>Esc</Kbd>
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={busy} data-testid="supplier-save">
            {t('suppliers.save')} <Kbd>Ctrl+↵</Kbd>
          </button>
        </>
      }
    >
      <Field label={t('suppliers.name')} names={['name']} error={error}>
        <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} data-testid="supplier-name" data-autofocus />
      </Field>
      <Field label={t('suppliers.phone')} names={['phone']} error={error}>
        <input value={phone} maxLength={40} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />
      </Field>
      <Field label={t('suppliers.leadDays')} names={['leadDays']} error={error} hint={t('suppliers.leadDaysHint')}>
        <input value={leadDays} inputMode="numeric" onChange={(e) => setLeadDays(e.target.value)} />
      </Field>
      <Field label={t('suppliers.note')} names={['note']} error={error}>
        <textarea value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
      </Field>
      {!isFieldError(error, FORM_FIELDS) && <ErrorMessage error={error} />}
    </Modal>
  );
}

function PacksPanel({ supplier, canEdit }: { supplier: Supplier; canEdit: boolean }) {
  const { t } = useTranslation('arrivals');
  const packs = useApi('suppliers.packs', { supplierId: supplier.id }, ['suppliers.changed', 'catalog.changed']);
  const [adding, setAdding] = useState<PickedProduct | null>(null);
  const [kind, setKind] = useState<PackKind>('bunch');
  const [size, setSize] = useState('10');
  const [error, setError] = useState<unknown>(null);

  async function setPack(productId: string, packKind: PackKind, packSize: string) {
    setError(null);
    try {
      const n = /^\d+$/.test(packSize.trim()) ? Number(packSize.trim()) : 0;
      await call('suppliers.setPack', { supplierId: supplier.id, productId, packKind, packSize: n });
      setAdding(null);
      packs.reload();
    } catch (e) {
      setError(e);
    }
  }

  async function remove(productId: string) {
    setError(null);
    try {
      await call('suppliers.removePack', { supplierId: supplier.id, productId });
      packs.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="panel packs-panel" data-testid="packs-panel">
      <h2>{t('suppliers.packsOf', { name: supplier.name })}</h2>
      <ErrorMessage error={packs.error ?? error} />
      {(packs.data ?? []).length === 0 ? (
        <p className="hint">{t('suppliers.noPacks')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('form.product')}</th>
              <th>{t('suppliers.packKind')}</th>
              <th className="num">{t('form.packSize')}</th>
              <th>
                <span className="sr-only">{t('suppliers.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(packs.data ?? []).map((p) => (
              <tr key={p.productId} className={p.productArchived ? 'archived' : undefined} data-testid="pack-row">
                <td>{p.name}</td>
                <td>{t(`packKinds.${p.packKind}`)}</td>
                <td className="num">{p.packSize}</td>
                <td className="row-actions">
                  {canEdit && (
                    <button type="button" onClick={() => void remove(p.productId)}>
                      {t('form.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="pack-add">
          {adding ? (
            <>
              <strong>{adding.name}</strong>
              <select value={kind} onChange={(e) => setKind(e.target.value as PackKind)} aria-label={t('suppliers.packKind')}>
                {PACK_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`packKinds.${k}`)}
                  </option>
                ))}
              </select>
              <input
                value={size}
                inputMode="numeric"
                className="size"
                aria-label={t('form.packSize')}
                data-testid="pack-size"
                autoFocus
                onChange={(e) => setSize(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void setPack(adding.id, kind, size);
                  }
                }}
              />
              <button type="button" className="primary" onClick={() => void setPack(adding.id, kind, size)} data-testid="pack-save">
                {t('suppliers.setPack')}
              </button>
              <button type="button" onClick={() => setAdding(null)}>
                {t('labels.close')}
              </button>
            </>
          ) : (
            <ProductPicker onPick={setAdding} testId="pack-search" placeholder={t('suppliers.addPack')} />
          )}
        </div>
      )}
    </section>
  );
}
