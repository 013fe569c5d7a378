import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { useNavigate } from '../shell/navigation';
import { requestStockTab } from './tabRequest';
import './stock.css';

/**
 * The top-bar notice "5 products below minimum": nothing when none are; a press opens the stock
 * screen on its "Low stock" tab. Mount it in the Shell's top bar for users with catalog.view.
 */
export function LowStockNotice() {
  const { t } = useTranslation('stock');
  const navigate = useNavigate();
  const low = useApi('stock.lowCount', {}, ['stock.changed', 'sales.changed', 'catalog.changed']);
  const count = low.data?.count ?? 0;
  if (count === 0) return null;
  return (
    <button
      type="button"
      className="low-stock-notice"
      data-testid="low-stock-notice"
      title={t('low.open')}
      onClick={() => {
        requestStockTab('low');
        navigate('stock');
      }}
    >
      <span aria-hidden="true">↓</span> {t('low.notice', { count })}
    </button>
  );
}
