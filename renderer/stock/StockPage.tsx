import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { LotsTab } from './LotsTab';
import { LowTab } from './LowTab';
import { RulesTab } from './RulesTab';
import { SellFirstTab } from './SellFirstTab';
import { onStockTabRequest, takeRequestedTab } from './tabRequest';
import type { StockTab } from './types';
import './stock.css';
import { Tabs } from '../ui/Tabs';

const TABS: readonly StockTab[] = ['lots', 'sellFirst', 'low', 'rules'];

/**
 * Stock by lot: how old every stem is and how long it has left, what to sell first this morning,
 * what is below its minimum, and the markdown rules that apply at the counter.
 */
export function StockPage() {
  const { t } = useTranslation('stock');
  const [tab, setTab] = useState<StockTab>(() => takeRequestedTab() ?? 'lots');
  useEffect(() => onStockTabRequest((wanted) => {
    takeRequestedTab();
    setTab(wanted);
  }), []);
  const low = useApi('stock.lowCount', {}, ['stock.changed', 'sales.changed', 'catalog.changed']);
  const lowCount = low.data?.count ?? 0;

  return (
    <div className="page stock-page" data-testid="stock-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <Tabs
          ids={TABS}
          current={tab}
          onSelect={setTab}
          label={t('title')}
          testIdPrefix="stock-tab"
          labelOf={(id) => t(`tabs.${id}`)}
          badgeOf={(id) => id === 'low' && lowCount > 0 && <span className="tab-count">{lowCount}</span>}
        />
      </div>
      {tab === 'lots' && <LotsTab />}
      {tab === 'sellFirst' && <SellFirstTab />}
      {tab === 'low' && <LowTab />}
      {tab === 'rules' && <RulesTab />}
    </div>
  );
}
