import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useRecipes } from './api';
import { HistoryTab } from './HistoryTab';
import { MakeTab } from './MakeTab';
import { VarianceTab } from './VarianceTab';
import './bouquets.css';
import { Tabs } from '../ui/Tabs';

type Tab = 'make' | 'history' | 'variance';

/**
 * Making bouquets from recipes: the florist's "make N" screen, the assemblies made, and (for who may
 * see reports) what was really used against what the recipes say.
 */
export function BouquetsPage() {
  const { t } = useTranslation('bouquets');
  const { can } = useSession();
  const { format } = useMoney();
  const pageRef = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<Tab>('make');
  const canMake = can('bouquets.make');
  const showCost = can('reports.view') || can('recipes.manage');
  const recipes = useRecipes(canMake);
  const tabs: Tab[] = can('reports.view') ? ['make', 'history', 'variance'] : ['make', 'history'];

  if (!canMake) return <p className="error-message refused">{t('noPermission')}</p>;
  return (
    <div className="bouquets-page" ref={pageRef} data-testid="bouquets-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <Tabs ids={tabs} current={tab} onSelect={setTab} label={t('title')} testIdPrefix="bouquets-tab" labelOf={(id) => t(`tabs.${id}`)} />
      </div>
      <ErrorMessage error={recipes.error} />
      {tab === 'make' && <MakeTab recipes={recipes.data} format={format} showCost={showCost} pageRef={pageRef} />}
      {tab === 'history' && <HistoryTab format={format} showCost={showCost} />}
      {tab === 'variance' && <VarianceTab format={format} />}
    </div>
  );
}
