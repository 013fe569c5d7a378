import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import type { Output } from '../../shop/api/contract';
import { formatMoneyForInput, parseMoney } from '../format/money';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { LanguageOptions } from '../ui/LanguageOptions';
import { isLanguage, type Language } from '../i18n/languages';

type Shop = Output<'shops.get'>;

const FIELDS = ['name', 'address', 'phone', 'taxId', 'language', 'cashRounding', 'receiptFooter'] as const;

interface Form {
  name: string;
  address: string;
  phone: string;
  taxId: string;
  language: Language;
  cashRounding: string;
  allowNegativeStock: boolean;
  receiptFooter: string;
}

function formOf(shop: Shop, uiLanguage: string): Form {
  return {
    name: shop.name,
    address: shop.address ?? '',
    phone: shop.phone ?? '',
    taxId: shop.taxId ?? '',
    language: isLanguage(shop.language) ? shop.language : 'en',
    cashRounding: formatMoneyForInput(shop.cashRounding, shop.currency, uiLanguage),
    allowNegativeStock: shop.allowNegativeStock,
    receiptFooter: shop.receiptFooter ?? '',
  };
}

/**
 * Settings → Shop: what the receipt says about the shop (name, address, phone, tax id, footer, language)
 * and the counter's rules (cash rounding to the smallest coin in use, selling beyond booked-in stock).
 */
export function ShopPage() {
  const { t, i18n } = useTranslation('settings');
  const shop = useApi('shops.get', {}, ['shop.changed']);
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  // Edits not saved yet survive a language switch or a change saved elsewhere; the form follows the
  // stored shop again once they are saved.
  const edited = useRef(false);

  useEffect(() => {
    if (shop.data && !edited.current) setForm(formOf(shop.data, i18n.language));
  }, [shop.data, i18n.language]);

  if (!form || !shop.data) return <ErrorMessage error={shop.error} />;
  const currency = shop.data.currency;
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setSaved(false);
    edited.current = true;
    setForm({ ...form, [key]: value });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setError(null);
    const rounding = parseMoney(form.cashRounding, currency);
    if (!rounding.ok || rounding.minor < 1) {
      setError({ code: 'invalid_input', messageKey: 'errors:validation.too_small', field: 'cashRounding', params: { min: 0.01 } });
      return;
    }
    setSaving(true);
    try {
      await call('shops.update', {
        name: form.name,
        address: form.address,
        phone: form.phone,
        taxId: form.taxId,
        language: form.language,
        cashRounding: rounding.minor,
        allowNegativeStock: form.allowNegativeStock,
        receiptFooter: form.receiptFooter,
      });
      setSaved(true);
      edited.current = false;
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="settings-page">
      <div className="page-head">
        <h1>{t('shop.title')}</h1>
      </div>
      <form className="panel shop-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={saving}>
        <fieldset>
          <legend>{t('shop.onReceipt')}</legend>
          <Field label={t('shop.name')} names={['name']} error={error}>
            <input value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="shop-name" />
          </Field>
          <Field label={t('shop.address')} names={['address']} error={error}>
            <input value={form.address} onChange={(e) => set('address', e.target.value)} />
          </Field>
          <Field label={t('shop.phone')} names={['phone']} error={error}>
            <input value={form.phone} inputMode="tel" onChange={(e) => set('phone', e.target.value)} />
          </Field>
          <Field label={t('shop.taxId')} names={['taxId']} error={error}>
            <input value={form.taxId} onChange={(e) => set('taxId', e.target.value)} />
          </Field>
          <Field label={t('shop.language')} names={['language']} error={error} hint={t('shop.languageHint')}>
            <select value={form.language} onChange={(e) => isLanguage(e.target.value) && set('language', e.target.value)}>
              <LanguageOptions />
            </select>
          </Field>
          <Field label={t('shop.footer')} names={['receiptFooter']} error={error} hint={t('shop.footerHint')}>
            <textarea rows={2} maxLength={300} value={form.receiptFooter} onChange={(e) => set('receiptFooter', e.target.value)} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('shop.counter')}</legend>
          <Field label={t('shop.cashRounding', { currency })} names={['cashRounding']} error={error} hint={t('shop.cashRoundingHint')}>
            <input
              value={form.cashRounding}
              inputMode="decimal"
              onChange={(e) => set('cashRounding', e.target.value)}
              data-testid="shop-cash-rounding"
            />
          </Field>
          <label className="check">
            <input type="checkbox" checked={form.allowNegativeStock} onChange={(e) => set('allowNegativeStock', e.target.checked)} />
            {t('shop.allowNegativeStock')}
          </label>
          <small className="hint">{t('shop.allowNegativeStockHint')}</small>
        </fieldset>
        {!isFieldError(error, FIELDS) && <ErrorMessage error={error} />}
        <div className="actions">
          {saved && (
            <span className="saved" role="status">
              {t('shop.saved')}
            </span>
          )}
          <button type="submit" className="primary" disabled={saving} data-testid="shop-save">
            {t('shop.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
