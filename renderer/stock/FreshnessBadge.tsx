import { useTranslation } from 'react-i18next';
import type { FreshnessState } from './types';

/**
 * Days of vase life left, in words and colour (never colour alone): "5 days left", "last day",
 * "2 days past". A product without a vase life shows a dash.
 */
export function FreshnessBadge({ state, remaining }: { state: FreshnessState; remaining: number | null }) {
  const { t } = useTranslation('stock');
  if (state === 'none' || remaining === null) return <span className="fresh-badge none">{t('state.none')}</span>;
  const text =
    state === 'expired'
      ? t('remaining.past', { count: -remaining })
      : state === 'lastDay'
        ? t('remaining.lastDay')
        : t('remaining.left', { count: remaining });
  return (
    <span className={`fresh-badge ${state}`} data-state={state} title={t(`state.${state}`)}>
      <span className="fresh-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
