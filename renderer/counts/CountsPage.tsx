import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useSession } from '../app/session';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Kbd } from '../ui/Kbd';
import { CountList } from './CountList';
import { CountScreen } from './CountScreen';
import { CreateCountDialog } from './CreateCountDialog';
import './counts.css';

/**
 * Stock counts: the list of counts, a new count (all stock or a category, blind or not), and the
 * counting screen of the count chosen (scans, terminal imports, the variance and its posting).
 */
export function CountsPage() {
  const { t } = useTranslation('counts');
  const { can } = useSession();
  const canCount = can('stock.count');
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const list = useApi('counts.list', { limit: 100 }, ['counts.changed']);

  if (openId) {
    return (
      <div className="counter-page counts-page" ref={rootRef} data-testid="counts-page">
        <CountScreen countId={openId} onBack={() => setOpenId(null)} />
      </div>
    );
  }

  return (
    <div className="counter-page counts-page" ref={rootRef} data-testid="counts-page">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {canCount && (
          <button type="button" className="primary" data-testid="count-new" onClick={() => setCreating(true)}>
            {t('list.new')}
            <Kbd>{'+'}</Kbd>
          </button>
        )}
      </div>
      <ErrorMessage error={list.error} />
      <CountList rows={list.data ?? []} loading={list.loading} onOpen={setOpenId} rootRef={rootRef} onNew={() => setCreating(true)} />
      {creating && (
        <CreateCountDialog
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
    </div>
  );
}
