import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { useMoney } from '../catalog/useMoney';
import { Kbd } from '../ui/Kbd';
import { Modal } from '../ui/Modal';
import { ArrivalForm, type Posted } from './ArrivalForm';
import { ArrivalList } from './ArrivalList';
import { emptyDraft, type ArrivalDraft } from './draft';
import { LabelsDialog } from './LabelsDialog';
import { SuppliersTab } from './SuppliersTab';
import './arrivals.css';
import { Tabs } from '../ui/Tabs';

type Tab = 'new' | 'list' | 'suppliers';
const TABS: Tab[] = ['new', 'list', 'suppliers'];

/**
 * Arrivals: receive a delivery (the draft survives switching tabs), the list of posted arrivals, and the
 * suppliers with their packs. After posting, the florist is offered the price labels for what arrived.
 */
export function ArrivalsPage() {
  const { t } = useTranslation('arrivals');
  const { can } = useSession();
  const { currency, format } = useMoney();
  const [tab, setTab] = useState<Tab>('new');
  const [draft, setDraft] = useState<ArrivalDraft>(() => emptyDraft());
  const [posted, setPosted] = useState<Posted | null>(null);
  const [labels, setLabels] = useState<{ arrivalId: string; number: number } | null>(null);
  const canReceive = can('stock.receive');
  const suppliers = useApi('suppliers.list', { includeArchived: true }, ['suppliers.changed']);

  if (!canReceive) return <p className="error-message refused">{t('noPermission')}</p>;
  return (
    <div className="arrivals-page" data-testid="arrivals-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        <Tabs
          ids={TABS}
          current={tab}
          onSelect={setTab}
          label={t('title')}
          testIdPrefix="arrivals-tab"
          labelOf={(id) => t(`tabs.${id}`)}
          badgeOf={(id) => id === 'new' && draft.lines.length > 0 && <span className="badge">{draft.lines.length}</span>}
        />
      </div>
      {tab === 'new' && (
        <ArrivalForm
          draft={draft}
          setDraft={setDraft}
          suppliers={suppliers.data ?? []}
          currency={currency}
          format={format}
          paused={posted !== null || labels !== null}
          onPosted={(p) => {
            setPosted(p);
            setDraft(emptyDraft());
          }}
        />
      )}
      {tab === 'list' && <ArrivalList suppliers={suppliers.data ?? []} format={format} onLabels={setLabels} />}
      {tab === 'suppliers' && <SuppliersTab canEdit={canReceive} />}

      {posted && (
        <Modal
          title={t('posted.title', { number: posted.number })}
          onClose={() => setPosted(null)}
          onConfirm={() => {
            setLabels({ arrivalId: posted.arrivalId, number: posted.number });
            setPosted(null);
          }}
          testId="arrival-posted"
          footer={
            <>
              <button type="button" onClick={() => setPosted(null)} data-testid="arrival-posted-close">
                {t('posted.done')} <Kbd>Esc</Kbd>
              </button>
              <button
                type="button"
                className="primary"
                data-autofocus
                data-testid="arrival-posted-labels"
                onClick={() => {
                  setLabels({ arrivalId: posted.arrivalId, number: posted.number });
                  setPosted(null);
                }}
              >
                {t('labels.button')} <Kbd>Ctrl+↵</Kbd>
              </button>
            </>
          }
        >
          <p data-testid="arrival-posted-total">{t('posted.body', { lines: posted.lots.length, total: format(posted.totalCost) })}</p>
        </Modal>
      )}
      {labels && <LabelsDialog arrival={labels} onClose={() => setLabels(null)} />}
    </div>
  );
}
