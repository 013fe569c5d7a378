import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../shop/api/contract';
import { call } from '../api/client';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { categoryTree } from '../catalog/categoryTree';
import { formatNumber } from '../format/numbers';
import { isLanguage } from '../i18n/languages';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field, isFieldError } from '../ui/Field';
import { Modal } from '../ui/Modal';
import type { MarkdownRule } from './types';

const KINDS = ['cut_flower', 'greenery', 'plant', 'consumable', 'ready_item'] as const;
const SCOPE_TYPES = ['all', 'kind', 'category', 'product'] as const;
type ScopeType = (typeof SCOPE_TYPES)[number];
const RULE_FIELDS = ['scope', 'scope.kind', 'scope.categoryId', 'scope.productId', 'fromDay', 'percentBp'];

/** "From day 6, 20 % off cut flowers": the shop's markdown rules; editing needs pricing.manage. */
export function RulesTab() {
  const { t, i18n } = useTranslation('stock');
  const { can } = useSession();
  const canEdit = can('pricing.manage');
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<MarkdownRule | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const rules = useApi('markdown.list', { includeArchived: archived }, ['pricing.changed', 'catalog.changed']);
  const scopeText = useScopeText();

  async function archive(rule: MarkdownRule) {
    setError(null);
    try {
      await call('markdown.archive', { id: rule.id });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div className="stock-rules" data-testid="stock-rules">
      <p className="hint">{t('rules.hint')}</p>
      <div className="stock-toolbar">
        <label className="check">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.target.checked)} />
          {t('rules.showArchived')}
        </label>
        {canEdit && (
          <button type="button" className="primary" data-testid="rule-new" onClick={() => setEditing('new')}>
            {t('rules.new')}
          </button>
        )}
      </div>
      <ErrorMessage error={rules.error ?? error} />
      {rules.data && rules.data.length === 0 && <p className="hint">{t('rules.empty')}</p>}
      {rules.data && rules.data.length > 0 && (
        <table className="stock-table">
          <thead>
            <tr>
              <th>{t('rules.scope')}</th>
              <th className="num">{t('rules.fromDay')}</th>
              <th className="num">{t('rules.percent')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.data.map((r) => (
              <tr key={r.id} className={r.archived ? 'archived' : undefined} data-testid="rule-row">
                <td>
                  {scopeText(r)}
                  {r.archived && <span className="badge">{t('rules.archived')}</span>}
                </td>
                <td className="num">{t('rules.dayN', { day: r.fromDay })}</td>
                <td className="num">{`−${formatNumber(r.percentBp / 100, i18n.language)} %`}</td>
                <td className="row-actions">
                  {canEdit && (
                    <>
                      <button type="button" className="ghost small" onClick={() => setEditing(r)}>
                        {r.archived ? t('rules.restore') : t('rules.edit')}
                      </button>
                      {!r.archived && (
                        <button type="button" className="ghost small" onClick={() => void archive(r)}>
                          {t('rules.archive')}
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <RuleEditor rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function useScopeText(): (r: MarkdownRule) => string {
  const { t } = useTranslation('stock');
  const { t: tCatalog } = useTranslation('catalog');
  return (r) => {
    if (r.scope.productId) return t('rules.scopeProduct', { name: r.scopeName ?? '' });
    if (r.scope.categoryId) return t('rules.scopeCategory', { name: r.scopeName ?? '' });
    if (r.scope.kind) return tCatalog(`kinds.${r.scope.kind}`);
    return t('rules.scopeAll');
  };
}

function scopeTypeOf(rule: MarkdownRule | null): ScopeType {
  if (!rule) return 'kind';
  if (rule.scope.productId) return 'product';
  if (rule.scope.categoryId) return 'category';
  if (rule.scope.kind) return 'kind';
  return 'all';
}

/** Percent as typed ("20", "12,5") → basis points, or null. */
function parsePercent(text: string): number | null {
  const n = Number(text.trim().replace(',', '.'));
  if (!Number.isFinite(n) || text.trim() === '') return null;
  const bp = Math.round(n * 100);
  return Math.abs(bp - n * 100) < 1e-6 ? bp : null;
}

function RuleEditor({ rule, onClose }: { rule: MarkdownRule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('stock');
  const { t: tCatalog } = useTranslation('catalog');
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  const categories = useApi('catalog.categories', { lang: language }, ['catalog.changed']);
  const [scopeType, setScopeType] = useState<ScopeType>(scopeTypeOf(rule));
  const [kind, setKind] = useState<string>(rule?.scope.kind ?? 'cut_flower');
  const [categoryId, setCategoryId] = useState(rule?.scope.categoryId ?? '');
  const [product, setProduct] = useState<{ id: string; name: string } | null>(
    rule?.scope.productId ? { id: rule.scope.productId, name: rule.scopeName ?? '' } : null,
  );
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ id: string; name: string }[]>([]);
  const [fromDay, setFromDay] = useState(rule ? String(rule.fromDay) : '5');
  const [percent, setPercent] = useState(rule ? formatNumber(rule.percentBp / 100, i18n.language) : '20');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const q = query.trim();
    if (scopeType !== 'product' || q === '') {
      setFound([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('catalog.search', { query: q, lang: language, limit: 8 }).then(
        (r) => current && setFound(r.items.filter((p) => p.kind !== 'service').map((p) => ({ id: p.id, name: p.name }))),
        () => current && setFound([]),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, scopeType, language]);

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (busy) return;
    setError(null);
    const bp = parsePercent(percent);
    const day = Number(fromDay);
    if (bp === null) {
      setError({ code: 'invalid_input', messageKey: 'errors:freshness.percentInvalid', field: 'percentBp' });
      return;
    }
    if (!Number.isInteger(day) || fromDay.trim() === '') {
      setError({ code: 'invalid_input', messageKey: 'errors:freshness.fromDayInvalid', field: 'fromDay' });
      return;
    }
    let scope: Input<'markdown.save'>['scope'] = {};
    if (scopeType === 'kind') scope = { kind: kind as (typeof KINDS)[number] };
    else if (scopeType === 'category') {
      if (!categoryId) return setError({ code: 'invalid_input', messageKey: 'stock:rules.chooseCategory', field: 'scope.categoryId' });
      scope = { categoryId };
    } else if (scopeType === 'product') {
      if (!product) return setError({ code: 'invalid_input', messageKey: 'stock:rules.chooseProduct', field: 'scope.productId' });
      scope = { productId: product.id };
    }
    setBusy(true);
    try {
      await call('markdown.save', { ...(rule ? { id: rule.id } : {}), fromDay: day, percentBp: bp, scope });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title={rule ? t('rules.editTitle') : t('rules.newTitle')}
      onClose={onClose}
      onConfirm={() => void save()}
      busy={busy}
      testId="rule-editor"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            {t('rules.cancel')} <kbd>Esc</kbd>
          </button>
          <span className="spacer" />
          <button type="button" className="primary" disabled={busy} data-testid="rule-save" onClick={() => void save()}>
            {t('rules.save')} <kbd>Enter</kbd>
          </button>
        </>
      }
    >
      <form onSubmit={(e) => void save(e)} className="rule-form">
        <Field label={t('rules.scope')} names={['scope']} error={error}>
          <select data-testid="rule-scope" value={scopeType} onChange={(e) => setScopeType(e.target.value as ScopeType)}>
            {SCOPE_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`rules.scopeType.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        {scopeType === 'kind' && (
          <Field label={t('rules.scopeType.kind')} names={['scope.kind']} error={error}>
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {tCatalog(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {scopeType === 'category' && (
          <Field label={t('rules.scopeType.category')} names={['scope.categoryId']} error={error}>
            <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
              <option value="">{t('rules.chooseCategoryOption')}</option>
              {categoryTree(categories.data ?? []).map(({ item, depth }) => (
                <option key={item.id} value={item.id}>
                  {`${'\u00A0\u00A0'.repeat(depth)}${item.name}`}
                </option>
              ))}
            </select>
          </Field>
        )}
        {scopeType === 'product' && (
          <Field label={t('rules.scopeType.product')} names={['scope.productId']} error={error}>
            <div className="rule-product">
              {product && <strong data-testid="rule-product">{product.name}</strong>}
              <input
                value={query}
                placeholder={t('rules.searchProduct')}
                autoComplete="off"
                onChange={(e) => setQuery(e.target.value)}
                onKeyDown={(e) => {
                  const first = found[0];
                  if (e.key === 'Enter' && first) {
                    e.preventDefault();
                    setProduct(first);
                    setQuery('');
                  }
                }}
              />
              {found.length > 0 && (
                <ul className="rule-found">
                  {found.map((p) => (
                    <li key={p.id}>
                      <button
                        type="button"
                        className="ghost"
                        onClick={() => {
                          setProduct(p);
                          setQuery('');
                        }}
                      >
                        {p.name}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </Field>
        )}
        <div className="form-grid">
          <Field label={t('rules.fromDay')} names={['fromDay']} error={error}>
            <input data-testid="rule-from-day" inputMode="numeric" value={fromDay} onChange={(e) => setFromDay(e.target.value.replace(/[^\d]/g, ''))} />
          </Field>
          <Field label={t('rules.percent')} names={['percentBp']} error={error}>
            <input data-testid="rule-percent" inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} />
          </Field>
        </div>
        <p className="hint">{t('rules.specific')}</p>
        {!isFieldError(error, RULE_FIELDS) && <ErrorMessage error={error} />}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
