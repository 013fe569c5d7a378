import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { categoryTree } from '../catalog/categoryTree';
import { isLanguage } from '../i18n/languages';
import { ENTER, ESC } from '../sale/symbols';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';

const FIELDS = ['categoryId', 'note'];

/** A new count: all stock or one category (its subcategories included), blind or not, with a note. */
export function CreateCountDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (countId: string) => void }) {
  const { t, i18n } = useTranslation('counts');
  const lang = isLanguage(i18n.language) ? i18n.language : 'en';
  const categories = useApi('catalog.categories', { lang }, ['catalog.changed']);
  const [categoryId, setCategoryId] = useState('');
  const [blind, setBlind] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await call('counts.create', {
        ...(categoryId ? { categoryId } : {}),
        blind,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onCreated(created.countId);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal
      title={t('create.title')}
      onClose={onClose}
      onConfirm={() => void submit()}
      busy={busy}
      testId="count-create-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('actions.cancel')}
            <Kbd>{ESC}</Kbd>
          </button>
          <button type="submit" form="count-create-form" className="primary" disabled={busy} data-testid="count-create-confirm">
            {t('create.start')}
            <Kbd>{ENTER}</Kbd>
          </button>
        </>
      }
    >
      <form id="count-create-form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label={t('create.scope')} names={['categoryId']} error={error} hint={t('create.scopeHint')}>
          <select data-autofocus value={categoryId} onChange={(e) => setCategoryId(e.target.value)} data-testid="count-create-category">
            <option value="">{t('scope.all')}</option>
            {categoryTree(categories.data ?? []).map(({ item, depth }) => (
              <option key={item.id} value={item.id}>
                {'\u00A0\u00A0'.repeat(depth)}
                {item.name}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="count-create-blind" />
          <span>{t('create.blind')}</span>
        </label>
        <p className="hint">{t('create.blindHint')}</p>
        <Field label={t('create.note')} names={['note']} error={error}>
          <input maxLength={500} autoComplete="off" value={note} onChange={(e) => setNote(e.target.value)} data-testid="count-create-note" />
        </Field>
        {!isFieldError(error, FIELDS) && <ErrorMessage error={error} />}
      </form>
    </Modal>
  );
}
