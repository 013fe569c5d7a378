import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { ProductPicker } from '../bouquets/ProductPicker';
import { latestOnly } from '../sale/latest';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { PriceBreakdown } from './Breakdown';
import { draftOf, feeProblem, newDraft, variantsInput, type Draft, type DraftComponent } from './draft';
import { downsizePhoto } from './photo';
import { SIZES, type Preview, type Recipe, type Size } from './types';

const PREVIEW_SETTLE_MS = 150;

interface Props {
  recipe: Recipe | null;
  currency: string;
  showCost: boolean;
  format: (minor: number) => string;
  onClose: () => void;
}

/**
 * A recipe's sizes and their components, with the cost and price the rules give, live (recipes.preview:
 * the backend prices, this screen only shows). The photo can be set once the recipe is saved.
 */
export function RecipeEditor({ recipe, currency, showCost, format, onClose }: Props) {
  const { t, i18n } = useTranslation('recipes');
  const [draft, setDraft] = useState<Draft>(() => (recipe ? draftOf(recipe, currency, i18n.language) : newDraft()));
  const [size, setSize] = useState<Size>(() => recipe?.variants[0]?.size ?? 'medium');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [photo, setPhoto] = useState<string | null>(recipe?.photo ?? null);
  const [ownProducts, setOwnProducts] = useState<string[]>(() => recipe?.variants.map((v) => v.productId) ?? []);
  const [gate] = useState(latestOnly);
  const searchRef = useRef<HTMLInputElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const previewKey = JSON.stringify({ id: draft.id, variants: variantsInput(draft, currency, true) });
  useEffect(() => {
    const isLatest = gate.ticket();
    const timer = setTimeout(() => {
      const input = JSON.parse(previewKey) as { id?: string; variants: ReturnType<typeof variantsInput> };
      call('recipes.preview', input).then(
        (p) => {
          if (!isLatest()) return;
          setPreview(p);
          setPreviewError(null);
        },
        (e: unknown) => isLatest() && setPreviewError(e),
      );
    }, PREVIEW_SETTLE_MS);
    return () => clearTimeout(timer);
  }, [previewKey, gate]);

  const current = draft.variants[size];
  const currentPreview = preview?.variants.find((v) => v.size === size);
  const change = (patch: Partial<Draft>) => {
    setStatus(null);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const changeVariant = (s: Size, patch: Partial<Draft['variants'][Size]>) => {
    setStatus(null);
    setDraft((d) => ({ ...d, variants: { ...d.variants, [s]: { ...d.variants[s], ...patch } } }));
  };
  const setComponents = (fn: (cs: DraftComponent[]) => DraftComponent[]) => changeVariant(size, { components: fn(current.components) });

  async function save() {
    setError(null);
    const fee = feeProblem(draft, currency);
    if (fee) return setError(fee);
    setBusy(true);
    try {
      const saved = await call('recipes.save', {
        ...(draft.id ? { id: draft.id } : {}),
        name: draft.name,
        ...(draft.description.trim() ? { description: draft.description } : {}),
        variants: variantsInput(draft, currency, false),
      });
      setDraft(draftOf(saved, currency, i18n.language));
      setOwnProducts(saved.variants.map((v) => v.productId));
      setStatus(t('editor.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function act(run: () => Promise<string | null>) {
    setError(null);
    setBusy(true);
    try {
      setStatus(await run());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const uploadPhoto = (file: File) =>
    act(async () => {
      const id = draft.id;
      if (!id) return null;
      // a picture the browser cannot read (an iPhone HEIC, a broken file) says what photos may be
      const dataUrl = await downsizePhoto(file).catch(() => null);
      if (dataUrl === null) {
        setError({ code: 'invalid_input', messageKey: 'errors:recipes.photoType', field: 'dataUrl' });
        return null;
      }
      await call('recipes.setPhoto', { id, dataUrl });
      setPhoto(dataUrl);
      return t('editor.photoSaved');
    });

  const removePhoto = () =>
    act(async () => {
      if (!draft.id) return null;
      await call('recipes.setPhoto', { id: draft.id, dataUrl: null });
      setPhoto(null);
      return t('editor.photoRemoved');
    });

  const reprice = () =>
    act(async () => {
      if (!draft.id) return null;
      const r = await call('recipes.reprice', { id: draft.id });
      return t('editor.repriced', { count: r.repriced.length });
    });

  const archive = () =>
    act(async () => {
      if (!draft.id) return null;
      await call('recipes.archive', { id: draft.id, archived: !(recipe?.archived ?? false) });
      onClose();
      return null;
    });

  const sizeIndex = SIZES.filter((s) => draft.variants[s].enabled).indexOf(size);
  const fieldPrefix = `variants.${sizeIndex}`;
  const problem = preview?.problem ? { code: 'conflict' as const, ...preview.problem } : null;

  return (
    <Modal
      title={draft.id ? t('editor.editTitle', { name: draft.name }) : t('editor.newTitle')}
      onClose={onClose}
      onConfirm={() => void save()}
      busy={busy}
      wide
      testId="recipe-editor"
      footer={
        <>
          {draft.id && (
            <>
              <button type="button" onClick={() => void reprice()} disabled={busy} data-testid="recipe-reprice">
                {t('editor.reprice')}
              </button>
              <button type="button" onClick={() => void archive()} disabled={busy} data-testid="recipe-archive">
                {recipe?.archived ? t('editor.restore') : t('editor.archive')}
              </button>
            </>
          )}
          <button type="button" onClick={onClose} disabled={busy}>
            {t('editor.close')}
          </button>
          <button type="button" className="primary" onClick={() => void save()} disabled={busy} data-testid="recipe-save">
            {t('editor.save')} <Kbd>Ctrl+↵</Kbd>
          </button>
        </>
      }
    >
      <div className="recipe-editor">
        <div className="recipe-editor-head">
          <Field label={t('editor.name')} names={['name']} error={error}>
            <input value={draft.name} maxLength={80} data-autofocus data-testid="recipe-name" onChange={(e) => change({ name: e.target.value })} />
          </Field>
          <Field label={t('editor.description')} names={['description']} error={error}>
            <input value={draft.description} maxLength={1000} onChange={(e) => change({ description: e.target.value })} />
          </Field>
          <div className="recipe-photo-edit">
            {photo ? <img src={photo} alt={t('card.photoOf', { name: draft.name })} /> : <div className="photo-none">{t('card.noPhoto')}</div>}
            {draft.id ? (
              <>
                <input
                  ref={fileRef}
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  hidden
                  data-testid="recipe-photo-input"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void uploadPhoto(file);
                  }}
                />
                <button type="button" onClick={() => fileRef.current?.click()} disabled={busy} data-testid="recipe-photo">
                  {t('editor.photo')}
                </button>
                {photo && (
                  <button type="button" onClick={() => void removePhoto()} disabled={busy}>
                    {t('editor.photoRemove')}
                  </button>
                )}
              </>
            ) : (
              <p className="hint">{t('editor.photoAfterSave')}</p>
            )}
          </div>
        </div>

        <div className="tabs size-tabs" role="tablist" aria-label={t('editor.sizes')}>
          {SIZES.map((s) => (
            <button
              key={s}
              type="button"
              role="tab"
              aria-selected={size === s}
              className={`tab${size === s ? ' current' : ''}${draft.variants[s].enabled ? '' : ' off'}`}
              data-testid={`recipe-size-${s}`}
              onClick={() => setSize(s)}
            >
              {t(`sizes.${s}`)}
              {draft.variants[s].enabled && preview?.variants.find((v) => v.size === s) && (
                <span className="tab-price"> · {format(preview.variants.find((v) => v.size === s)?.price ?? 0)}</span>
              )}
            </button>
          ))}
        </div>

        <label className="check">
          <input
            type="checkbox"
            checked={current.enabled}
            data-testid="recipe-size-enabled"
            onChange={(e) => changeVariant(size, { enabled: e.target.checked })}
          />
          {t('editor.offerSize', { size: t(`sizes.${size}`) })}
        </label>

        {current.enabled && (
          <div className="recipe-size">
            <div className="recipe-components">
              <table className="table compact" data-testid="recipe-components">
                <thead>
                  <tr>
                    <th>{t('editor.component')}</th>
                    <th>{t('editor.quantity')}</th>
                    {showCost && <th className="num">{t('editor.cost')}</th>}
                    <th>
                      <span className="sr-only">{t('editor.remove')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {current.components.map((c, i) => {
                    const costed = currentPreview?.components.find((p) => p.productId === c.productId);
                    return (
                      <tr key={c.productId} className={costed?.noCost ? 'no-cost' : undefined}>
                        <td>{c.name || costed?.name}</td>
                        <td>
                          <input
                            type="number"
                            min={1}
                            max={10000}
                            step={1}
                            className="qty"
                            value={c.quantity}
                            aria-label={t('editor.quantityOf', { name: c.name })}
                            aria-invalid={c.quantity < 1 || undefined}
                            data-testid="recipe-component-qty"
                            onChange={(e) => {
                              const q = Math.max(0, Math.min(10_000, Math.floor(Number(e.target.value) || 0)));
                              setComponents((cs) => cs.map((x, j) => (j === i ? { ...x, quantity: q } : x)));
                            }}
                          />
                        </td>
                        {showCost && (
                          <td className="num">
                            {costed && 'cost' in costed && costed.cost !== undefined ? format(costed.cost) : ''}
                            {costed?.noCost && <span className="hint"> {t('editor.noCost')}</span>}
                          </td>
                        )}
                        <td>
                          <button
                            type="button"
                            className="icon"
                            aria-label={t('editor.removeOne', { name: c.name })}
                            onClick={() => setComponents((cs) => cs.filter((_, j) => j !== i))}
                          >
                            ×
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                  {current.components.length === 0 && (
                    <tr>
                      <td colSpan={showCost ? 4 : 3} className="hint">
                        {t('editor.noComponents')}
                      </td>
                    </tr>
                  )}
                </tbody>
              </table>
              <ProductPicker
                inputRef={searchRef}
                testId="recipe-component-search"
                exclude={[...ownProducts, ...current.components.map((c) => c.productId)]}
                onPick={(p) => setComponents((cs) => [...cs, { productId: p.id, name: p.name, unit: p.unit, quantity: 1 }])}
              />
              <ErrorMessage error={error} />
              <ErrorMessage error={problem} />
              <ErrorMessage error={previewError} />
              {status && (
                <p className="hint" role="status" data-testid="recipe-status">
                  {status}
                </p>
              )}
            </div>
            <div className="recipe-pricing">
              <Field label={t('editor.fee')} names={[`${fieldPrefix}.assemblyFee`]} error={error}>
                <input inputMode="decimal" value={current.fee} data-testid="recipe-fee" onChange={(e) => changeVariant(size, { fee: e.target.value })} />
              </Field>
              {currentPreview && (
                <div className="recipe-live" data-testid="recipe-live">
                  {showCost && 'cost' in currentPreview && currentPreview.cost !== undefined && (
                    <p>
                      {t('card.cost')}: <strong data-testid="recipe-live-cost">{format(currentPreview.cost)}</strong>
                    </p>
                  )}
                  {showCost && currentPreview.breakdown ? (
                    <PriceBreakdown breakdown={currentPreview.breakdown} price={currentPreview.price} format={format} />
                  ) : (
                    <p>
                      {t('card.price')}: <strong>{format(currentPreview.price)}</strong>
                    </p>
                  )}
                  <p className="hint" data-testid="recipe-live-price">
                    {t('editor.rulePrice', { price: format(currentPreview.price) })} · {t('card.makeable', { count: currentPreview.makeable })}
                  </p>
                  {currentPreview.noCost && <p className="hint">{t('editor.noCostHint')}</p>}
                </div>
              )}
            </div>
          </div>
        )}
        {!current.enabled && <p className="hint">{t('editor.sizeOff')}</p>}
        {!current.enabled && <ErrorMessage error={error} />}
      </div>
    </Modal>
  );
}
