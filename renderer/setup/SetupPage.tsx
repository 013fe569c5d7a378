import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { SessionSummary } from '../app/session';
import { changeLanguage } from '../i18n';
import { CURRENCIES, isLanguage, type Currency, type Language } from '../i18n/languages';
import { LanguageSelect } from '../shell/LanguageSwitcher';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { LanguageOptions } from '../ui/LanguageOptions';

type Mode = 'choose' | 'new';

// Backend field paths per input (zod paths of shops.setup, plus the names createUser reports).
const FIELDS = {
  shopName: ['shop.name'],
  currency: ['shop.currency'],
  language: ['shop.language', 'owner.language'],
  ownerName: ['owner.name', 'name'],
  password: ['owner.password', 'password'],
  confirm: ['confirm'],
};
const ALL_FIELDS = Object.values(FIELDS).flat();

/** First start on an empty database: open the demo shop, or set up a new one with its owner. */
export function SetupPage({ onDone }: { onDone: (session: SessionSummary | null) => void }) {
  const { t, i18n } = useTranslation(['setup', 'common']);
  const [mode, setMode] = useState<Mode>('choose');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'en';

  const [shopName, setShopName] = useState('');
  const [currency, setCurrency] = useState<Currency>('GEL');
  const [ownerName, setOwnerName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  async function openDemo() {
    setBusy(true);
    setError(null);
    try {
      await call('shops.setup', { mode: 'demo', language });
      onDone(null);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  async function createShop(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setError({ code: 'invalid_input', messageKey: 'setup:passwordsDiffer', field: 'confirm' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await call('shops.setup', {
        mode: 'new',
        shop: { name: shopName, currency, language },
        owner: { name: ownerName, password, language },
      });
      onDone(result.session);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="fullscreen setup">
      <div className="card wide" aria-busy={busy}>
        <div className="card-head">
          <h1>{t('setup:title')}</h1>
          <LanguageSelect value={language} disabled={busy} onChange={(lang) => void changeLanguage(lang)} />
        </div>
        {busy ? (
          <p className="wait" role="status">
            {t(mode === 'choose' ? 'setup:preparingDemo' : 'setup:creating')}
          </p>
        ) : mode === 'choose' ? (
          <>
            <p className="lead">{t('setup:intro')}</p>
            <div className="choices">
              <button type="button" className="choice" data-testid="setup-demo" onClick={() => void openDemo()}>
                <strong>{t('setup:demo.title')}</strong>
                <span>{t('setup:demo.body')}</span>
              </button>
              <button type="button" className="choice" data-testid="setup-new" onClick={() => setMode('new')}>
                <strong>{t('setup:new.title')}</strong>
                <span>{t('setup:new.body')}</span>
              </button>
            </div>
            <ErrorMessage error={error} />
          </>
        ) : (
          <form onSubmit={(e) => void createShop(e)} noValidate>
            <h2>{t('setup:new.title')}</h2>
            <Field label={t('setup:shopName')} names={FIELDS.shopName} error={error}>
              <input value={shopName} onChange={(e) => setShopName(e.target.value)} autoFocus maxLength={100} required />
            </Field>
            <div className="row">
              <Field label={t('setup:currency')} names={FIELDS.currency} error={error}>
                <select value={currency} onChange={(e) => setCurrency(e.target.value as Currency)}>
                  {CURRENCIES.map((c) => (
                    <option key={c} value={c}>
                      {t(`common:currencies.${c}`)}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('setup:language')} names={FIELDS.language} error={error}>
                <select value={language} onChange={(e) => isLanguage(e.target.value) && void changeLanguage(e.target.value)}>
                  <LanguageOptions />
                </select>
              </Field>
            </div>
            <h3>{t('setup:owner')}</h3>
            <Field label={t('setup:ownerName')} names={FIELDS.ownerName} error={error}>
              <input value={ownerName} onChange={(e) => setOwnerName(e.target.value)} maxLength={100} autoComplete="name" required />
            </Field>
            <Field label={t('setup:password')} names={FIELDS.password} error={error} hint={t('setup:passwordHint')}>
              <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" required />
            </Field>
            <Field label={t('setup:confirm')} names={FIELDS.confirm} error={error}>
              <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" required />
            </Field>
            {!isFieldError(error, ALL_FIELDS) && <ErrorMessage error={error} />}
            <div className="actions">
              <button type="button" onClick={() => (setMode('choose'), setError(null))}>
                {t('common:actions.back')}
              </button>
              <button type="submit" className="primary">
                {t('setup:create')}
              </button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}
