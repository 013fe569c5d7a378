import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { formatDate } from '../format/dates';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { Modal } from '../ui/Modal';
import { occasionName, ruleText, upliftText } from './occasionText';

type Occasion = Output<'occasions.list'>[number];

/**
 * The occasions calendar, soonest first: when each falls next, how many days before the rush
 * starts, what last year's sales showed against the owner's estimate, and which one restock uses.
 * The owner (pricing.manage) adds, edits and archives occasions.
 */
export function OccasionsTab() {
  const { t, i18n } = useTranslation('restock');
  const language = i18n.language;
  const { can } = useSession();
  const canEdit = can('pricing.manage');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Occasion | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = useApi('occasions.list', { includeArchived: showArchived }, ['occasions.changed', 'sales.changed']);

  async function archive(o: Occasion) {
    setError(null);
    try {
      await call('occasions.archive', { id: o.id, archived: !o.archived });
      list.reload();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="restock-occasions" data-testid="restock-occasions">
      <div className="restock-params">
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} data-testid="occasions-show-archived" />
          {t('occasions.showArchived')}
        </label>
        {canEdit ? (
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="occasion-add">
            {t('occasions.add')}
          </button>
        ) : (
          <span className="hint">{t('occasions.readOnly')}</span>
        )}
      </div>
      <ErrorMessage error={list.error} />
      <ErrorMessage error={error} />
      {list.data && list.data.length === 0 && <p className="hint">{t('occasions.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="table compact occasions-table" data-testid="occasions-table">
          <thead>
            <tr>
              <th>{t('occasions.name')}</th>
              <th>{t('occasions.when')}</th>
              <th>{t('occasions.next')}</th>
              <th>{t('occasions.rush')}</th>
              <th>{t('occasions.uplift')}</th>
              <th>{t('occasions.used')}</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {list.data.map((o) => (
              <tr key={o.id} className={`${o.archived ? 'archived' : ''}${o.daysUntil <= 14 ? ' soon' : ''}`} data-testid="occasion-row">
                <td>
                  <strong>{occasionName(t, o)}</strong>
                  {o.archived && <span className="hint"> · {t('occasions.archived')}</span>}
                </td>
                <td>{ruleText(t, o)}</td>
                <td>
                  {formatDate(`${o.nextDate}T12:00:00.000Z`, language)}{' '}
                  <span className="hint">{o.daysUntil === 0 ? t('occasions.today') : t('occasions.inDays', { days: o.daysUntil })}</span>
                </td>
                <td>{t('occasions.rushDays', { days: o.daysBefore })}</td>
                <td>
                  {o.observedUpliftBp !== null ? (
                    <span title={formatDate(`${o.lastYearDate}T12:00:00.000Z`, language)}>{t('occasions.observed', { uplift: upliftText(o.observedUpliftBp, language) })}</span>
                  ) : (
                    <span className="hint">{t('occasions.noObserved')}</span>
                  )}
                  <br />
                  <span className="hint">{t('occasions.ownerUplift', { uplift: upliftText(o.upliftBp, language) })}</span>
                </td>
                <td>
                  <strong>×{upliftText(o.effectiveUpliftBp, language)}</strong> <span className="hint">({t(`source.${o.upliftSource}`)})</span>
                </td>
                {canEdit && (
                  <td className="actions">
                    <button type="button" onClick={() => setEditing(o)} data-testid="occasion-edit">
                      {t('occasions.edit')}
                    </button>
                    <button type="button" onClick={() => void archive(o)} data-testid="occasion-archive">
                      {o.archived ? t('occasions.restore') : t('occasions.archive')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <OccasionEditor
          occasion={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

/** The editor's fields that show their own refusal (the backend's names for them). */
const EDITOR_FIELDS = ['name', 'day', 'daysBefore', 'upliftBp'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const NTHS = [1, 2, 3, 4, -1];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0];

/** Adds or edits one occasion: name, a fixed day or the nth weekday of a month, rush days, the owner's uplift. */
function OccasionEditor({ occasion, onClose, onSaved }: { occasion: Occasion | null; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation('restock');
  const [name, setName] = useState(occasion ? occasionName(t, occasion) : '');
  const [month, setMonth] = useState(occasion?.month ?? 1);
  const [byWeekday, setByWeekday] = useState(occasion ? occasion.day === null : false);
  const [day, setDay] = useState(occasion?.day ?? 1);
  const [nth, setNth] = useState(occasion?.nth ?? 1);
  const [weekday, setWeekday] = useState(occasion?.weekday ?? 0);
  const [daysBefore, setDaysBefore] = useState(occasion?.daysBefore ?? 2);
  const [uplift, setUplift] = useState(occasion ? upliftText(occasion.upliftBp, 'en') : '2');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const factor = Number(uplift.replace(',', '.'));
      await call('occasions.save', {
        ...(occasion ? { id: occasion.id } : {}),
        name: name.trim(),
        month,
        ...(byWeekday ? { day: null, weekday, nth: nth as -1 | 1 | 2 | 3 | 4 } : { day, weekday: null, nth: null }),
        daysBefore,
        upliftBp: Number.isFinite(factor) ? Math.round(factor * 10_000) : -1,
      });
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={occasion ? t('editor.titleEdit') : t('editor.titleNew')}
      onClose={onClose}
      onConfirm={() => void save()}
      busy={busy}
      testId="occasion-editor"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t('editor.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={busy || name.trim() === ''} data-testid="occasion-save">
            {t('editor.save')}
          </button>
        </>
      }
    >
      <form
        className="occasion-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={t('editor.name')} names={['name']} error={error}>
          <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-autofocus data-testid="occasion-name" />
        </Field>
        <label className="field">
          <span>{t('editor.month')}</span>
          <select value={month} onChange={(e) => setMonth(Number(e.target.value))} data-testid="occasion-month">
            {MONTHS.map((m) => (
              <option key={m} value={m}>
                {t(`months.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="occasion-rule">
          <legend>{t('editor.rule')}</legend>
          <label className="check">
            <input type="radio" checked={!byWeekday} onChange={() => setByWeekday(false)} />
            {t('editor.fixed')}
          </label>
          <label className="check">
            <input type="radio" checked={byWeekday} onChange={() => setByWeekday(true)} data-testid="occasion-by-weekday" />
            {t('editor.byWeekday')}
          </label>
          {byWeekday ? (
            <div className="occasion-rule-fields">
              <label className="field">
                <span>{t('editor.nth')}</span>
                <select value={nth} onChange={(e) => setNth(Number(e.target.value))}>
                  {NTHS.map((n) => (
                    <option key={n} value={n}>
                      {t(`nth.${n}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('editor.weekday')}</span>
                <select value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
                  {WEEKDAYS.map((w) => (
                    <option key={w} value={w}>
                      {t(`weekdays.${w}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          ) : (
            <Field label={t('editor.day')} names={['day']} error={error}>
              <input type="number" min={1} max={31} value={day} onChange={(e) => setDay(Number(e.target.value))} data-testid="occasion-day" />
            </Field>
          )}
        </fieldset>
        <Field label={t('editor.daysBefore')} names={['daysBefore']} error={error}>
          <input type="number" min={0} max={30} value={daysBefore} onChange={(e) => setDaysBefore(Number(e.target.value))} data-testid="occasion-days-before" />
        </Field>
        <Field label={t('editor.uplift')} names={['upliftBp']} error={error} hint={t('editor.upliftHint')}>
          <input inputMode="decimal" value={uplift} onChange={(e) => setUplift(e.target.value)} lang={i18n.language} data-testid="occasion-uplift" />
        </Field>
        {!isFieldError(error, EDITOR_FIELDS) && <ErrorMessage error={error} />}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
