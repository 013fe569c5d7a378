import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ShortcutButton, useScreenShortcuts } from '../shift/shortcuts';
import { OccasionsTab } from './OccasionsTab';
import { OrderView } from './OrderView';
import '../shift/counter.css';
import './restock.css';

type Tab = 'order' | 'occasions';

/**
 * Restock planning (reports.view): the suggested order per supplier and the occasions calendar.
 * Alt+O shows the order, Alt+C the calendar.
 */
export function RestockPage() {
  const { t } = useTranslation('restock');
  const rootRef = useRef<HTMLDivElement>(null);
  const [tab, setTab] = useState<Tab>('order');
  useScreenShortcuts(rootRef, { O: () => setTab('order'), C: () => setTab('occasions') });
  return (
    <div className="counter-page restock-page" ref={rootRef} data-testid="restock-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <div className="tabs" role="tablist" aria-label={t('title')}>
          <ShortcutButton letter="O" primary={tab === 'order'} onClick={() => setTab('order')} testId="restock-tab-order">
            {t('tabs.order')}
          </ShortcutButton>
          <ShortcutButton letter="C" primary={tab === 'occasions'} onClick={() => setTab('occasions')} testId="restock-tab-occasions">
            {t('tabs.occasions')}
          </ShortcutButton>
        </div>
      </div>
      {/* The order stays mounted behind the calendar: the packs typed into it survive a look at the occasions. */}
      <div hidden={tab !== 'order'}>
        <OrderView />
      </div>
      {tab === 'occasions' && <OccasionsTab />}
    </div>
  );
}
