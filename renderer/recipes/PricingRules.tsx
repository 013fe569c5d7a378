import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { formatMoneyForInput, parseMoney } from '../format/money';
import { latestOnly } from '../sale/latest';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { markupText, parseMarkup } from './markup';
import { MARKUP_KINDS, type MarkupKind, type PricingView } from './types';

interface Form {
  fixedAddition: string;
  assemblyFee: string;
  roundingStep: string;
  roundingMode: 'up' | 'nearest';
  markups: Record<MarkupKind, string>;
}

function toForm(rules: PricingView, language: string): Form {
  const money = (minor: number) => formatMoneyForInput(minor, rules.currency, language);
  return {
    fixedAddition: money(rules.fixedAddition),
    assemblyFee: money(rules.assemblyFee),
    roundingStep: money(rules.roundingStep),
    roundingMode: rules.roundingMode,
    markups: Object.fromEntries(MARKUP_KINDS.map((k) => [k, markupText(rules.markups[k], language)])) as Record<MarkupKind, string>,
  };
}

type MoneyFieldName = 'fixedAddition' | 'assemblyFee' | 'roundingStep';
const ADDITION_FIELDS: readonly MoneyFieldName[] = ['fixedAddition', 'assemblyFee'];
const STEP_FIELD: MoneyFieldName = 'roundingStep';

/** A client-side refusal shown like the backend's, on the field it concerns. */
const refusal = (field: string, messageKey: string) => ({ code: 'invalid_input' as const, messageKey, field });

/**
 * The shop's bouquet pricing rules: markup per product kind, fixed addition, the counter's assembly fee
 * and the rounding step, with what the step does to a few prices. Editable with pricing.manage.
 */
export function PricingRules({ canEdit, canReprice, format }: { canEdit: boolean; canReprice: boolean; format: (minor: number) => string }) {
  const { t, i18n } = useTranslation('recipes');
  const { t: tc } = useTranslation('catalog');
  const rules = useApi('pricing.get', {}, ['pricing.changed', 'shop.changed']);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [repriced, setRepriced] = useState<number | null>(null);
  const [examples, setExamples] = useState<{ amount: number; rounded: number }[]>([]);
  const [gate] = useState(latestOnly);
  const currency = rules.data?.currency;

  useEffect(() => {
    if (rules.data) setForm(toForm(rules.data, i18n.language));
  }, [rules.data, i18n.language]);

  // What the step being typed does, asked of the backend (the one rounding rule lives there).
  const step = form && currency ? parseMoney(form.roundingStep, currency) : null;
  const stepMinor = step?.ok && step.minor >= 1 ? step.minor : null;
  const mode = form?.roundingMode;
  useEffect(() => {
    if (stepMinor === null || !mode) return;
    const isLatest = gate.ticket();
    call('pricing.examples', { roundingStep: stepMinor, roundingMode: mode }).then(
      (r) => isLatest() && setExamples(r),
      () => isLatest() && setExamples([]),
    );
  }, [stepMinor, mode, gate]);

  if (!form || !currency) return <ErrorMessage error={rules.error} />;

  const set = (patch: Partial<Form>) => {
    setSaved(false);
    setForm({ ...form, ...patch });
  };

  async function save() {
    if (!form || !currency) return;
    const money = (field: 'fixedAddition' | 'assemblyFee' | 'roundingStep') => {
      const parsed = parseMoney(form[field], currency);
      if (!parsed.ok) throw refusal(field, `catalog:money.${parsed.error}`);
      return parsed.minor;
    };
    setError(null);
    setRepriced(null);
    try {
      const markups = Object.fromEntries(
        MARKUP_KINDS.map((k) => {
          const bp = parseMarkup(form.markups[k]);
          if (bp === null) throw refusal(`markups.${k}`, 'errors:recipes.markupInvalid');
          return [k, bp];
        }),
      );
      const input = {
        fixedAddition: money('fixedAddition'),
        assemblyFee: money('assemblyFee'),
        roundingStep: money('roundingStep'),
        roundingMode: form.roundingMode,
        markups,
      };
      setBusy(true);
      const next = await call('pricing.save', input);
      setForm(toForm(next, i18n.language));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function repriceAll() {
    setBusy(true);
    setError(null);
    try {
      const r = await call('recipes.reprice', {});
      setRepriced(r.repriced.length);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const moneyField = (field: MoneyFieldName, hint?: string) => (
    <Field key={field} label={t(`rules.${field}`)} names={[field]} error={error} {...(hint ? { hint } : {})}>
      <input
        inputMode="decimal"
        value={form[field]}
        disabled={!canEdit}
        data-testid={`pricing-${field}`}
        onChange={(e) => set({ [field]: e.target.value })}
      />
    </Field>
  );

  return (
    <form
      className="pricing-rules"
      data-testid="pricing-rules"
      onSubmit={(e) => {
        e.preventDefault();
        if (canEdit && !busy) void save();
      }}
    >
      <p className="hint">{t('rules.formula')}</p>
      {!rules.data?.stored && <p className="hint">{t('rules.defaults', { currency })}</p>}
      <fieldset>
        <legend>{t('rules.markups')}</legend>
        <div className="markup-grid">
          {MARKUP_KINDS.map((k) => (
            <Field key={k} label={tc(`kinds.${k}`)} names={[`markups.${k}`]} error={error}>
              <input
                inputMode="decimal"
                value={form.markups[k]}
                disabled={!canEdit}
                data-testid={`pricing-markup-${k}`}
                onChange={(e) => set({ markups: { ...form.markups, [k]: e.target.value } })}
              />
            </Field>
          ))}
        </div>
        <p className="hint">{t('rules.markupHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('rules.additions')}</legend>
        {ADDITION_FIELDS.map((f) => moneyField(f, t(`rules.${f}Hint`)))}
      </fieldset>
      <fieldset>
        <legend>{t('rules.rounding')}</legend>
        {moneyField(STEP_FIELD)}
        <Field label={t('rules.roundingMode')} names={['roundingMode']} error={error}>
          <select
            value={form.roundingMode}
            disabled={!canEdit}
            data-testid="pricing-roundingMode"
            onChange={(e) => set({ roundingMode: e.target.value === 'nearest' ? 'nearest' : 'up' })}
          >
            <option value="up">{t('rules.modes.up')}</option>
            <option value="nearest">{t('rules.modes.nearest')}</option>
          </select>
        </Field>
        {examples.length > 0 && (
          <ul className="rounding-examples" data-testid="rounding-examples" aria-label={t('rules.examples')}>
            {examples.map((x) => (
              <li key={x.amount}>
                {format(x.amount)} → <strong>{format(x.rounded)}</strong>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <ErrorMessage error={error} />
      {saved && <p className="hint" role="status">{t('rules.saved')}</p>}
      {repriced !== null && <p className="hint" role="status">{t('rules.repriced', { count: repriced })}</p>}
      <div className="actions">
        {canEdit ? (
          <button type="submit" className="primary" disabled={busy} data-testid="pricing-save">
            {t('rules.save')}
          </button>
        ) : (
          <p className="hint">{t('rules.ownerOnly')}</p>
        )}
        {canReprice && (
          <button type="button" disabled={busy} onClick={() => void repriceAll()} data-testid="pricing-reprice-all">
            {t('rules.repriceAll')}
          </button>
        )}
      </div>
    </form>
  );
}
