import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { ErrorBoundary } from '../app/ErrorBoundary';
import { useSession } from '../app/session';
import { ProductsPage } from '../catalog/ProductsPage';
import { SalePage } from '../sale/SalePage';
import { PrintStatus } from '../devices/PrintStatus';
import { LowStockNotice } from '../stock/LowStockNotice';
import { ScanProvider } from '../scan/ScanProvider';
import { LOCK } from '../ui/icons';
import { LanguageSwitcher } from './LanguageSwitcher';
import { PAGES, pageForKey, SWITCH_USER_KEY, type PageId } from './nav';
import { NavigateContext } from './navigation';

// Screens other than the sale and the catalogue load when first opened: the counter's first paint does not wait for them.
const JournalPage = lazy(() => import('../journal/JournalPage').then((m) => ({ default: m.JournalPage })));
const ShiftPage = lazy(() => import('../shift/ShiftPage').then((m) => ({ default: m.ShiftPage })));
const DevicesPage = lazy(() => import('../devices/DevicesPage').then((m) => ({ default: m.DevicesPage })));
const ShopPage = lazy(() => import('../settings/ShopPage').then((m) => ({ default: m.ShopPage })));
const AuditPage = lazy(() => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const RolesPage = lazy(() => import('../settings/RolesPage').then((m) => ({ default: m.RolesPage })));
const UsersPage = lazy(() => import('../settings/UsersPage').then((m) => ({ default: m.UsersPage })));
const StockPage = lazy(() => import('../stock/StockPage').then((m) => ({ default: m.StockPage })));
const ArrivalsPage = lazy(() => import('../arrivals/ArrivalsPage').then((m) => ({ default: m.ArrivalsPage })));
const BouquetsPage = lazy(() => import('../bouquets/BouquetsPage').then((m) => ({ default: m.BouquetsPage })));
const RecipesPage = lazy(() => import('../recipes/RecipesPage').then((m) => ({ default: m.RecipesPage })));
const WriteoffsPage = lazy(() => import('../writeoffs/WriteoffsPage').then((m) => ({ default: m.WriteoffsPage })));
const CountsPage = lazy(() => import('../counts/CountsPage').then((m) => ({ default: m.CountsPage })));
const RestockPage = lazy(() => import('../restock/RestockPage').then((m) => ({ default: m.RestockPage })));

const SCREENS: Record<PageId, ComponentType> = {
  sale: SalePage,
  products: ProductsPage,
  stock: StockPage,
  arrivals: ArrivalsPage,
  bouquets: BouquetsPage,
  recipes: RecipesPage,
  writeoffs: WriteoffsPage,
  counts: CountsPage,
  restock: RestockPage,
  journal: JournalPage,
  shift: ShiftPage,
  devices: DevicesPage,
  shop: ShopPage,
  users: UsersPage,
  roles: RolesPage,
  audit: AuditPage,
};

/**
 * The signed-in window: top bar, navigation and the current screen. Screens once opened stay mounted
 * (hidden) so a search or a half-filled form survives a trip to another screen or a user switch.
 */
export function Shell({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const { session, can, switchUser } = useSession();
  const shop = useApi('shops.get', {}, ['shop.changed']);
  const seesStock = can('catalog.view');
  // The counter opens on the sale screen; people who do not sell open on the catalogue.
  const [page, setPage] = useState<PageId>(() => (can('sales.sell') ? 'sale' : 'products'));
  const [opened, setOpened] = useState<ReadonlySet<PageId>>(() => new Set([page]));

  // Stable, so the screens that navigate (through NavigateContext) do not re-render with every shell render.
  const open = useCallback((id: PageId) => {
    setPage(id);
    setOpened((s) => (s.has(id) ? s : new Set([...s, id])));
  }, []);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const target = pageForKey(e);
      if (target) {
        e.preventDefault();
        open(target);
      } else if (e.key === SWITCH_USER_KEY && !e.ctrlKey && !e.altKey && !e.metaKey && !e.shiftKey) {
        e.preventDefault();
        switchUser();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, switchUser, open]);

  return (
    <ScanProvider enabled={active}>
      <div className="shell">
        <header className="topbar">
          <span className="shop-name">{shop.data?.name ?? t('app.name')}</span>
          <span className="spacer" />
          {seesStock && <LowStockNotice />}
          <PrintStatus />
          <span className="who" title={t(`roles.${session.role}`)}>
            {session.name}
            <small>{t(`roles.${session.role}`)}</small>
          </span>
          <LanguageSwitcher />
          <button type="button" data-testid="switch-user" onClick={switchUser} title={t('shortcut', { key: SWITCH_USER_KEY })}>
            {t('nav.switchUser')}
            <kbd>{SWITCH_USER_KEY}</kbd>
          </button>
        </header>
        <nav className="sidenav" aria-label={t('nav.label')}>
          {PAGES.map((p) => {
            const locked = !can(p.permission);
            return (
              <button
                key={p.id}
                type="button"
                data-testid={p.testId}
                className={`nav-item${page === p.id ? ' current' : ''}${locked ? ' locked' : ''}`}
                aria-current={page === p.id ? 'page' : undefined}
                title={
                  [p.key && t('shortcut', { key: p.key }), locked && t('nav.lockedHint', { permission: t(`permissions.${p.permission}`) })]
                    .filter(Boolean)
                    .join(' · ') || undefined
                }
                onClick={() => open(p.id)}
              >
                <span>{t(`nav.${p.id}`)}</span>
                {locked && (
                  <span className="lock" aria-label={t('nav.locked')}>
                    {LOCK}
                  </span>
                )}
                {p.key && <kbd>{p.key}</kbd>}
              </button>
            );
          })}
        </nav>
        <NavigateContext.Provider value={open}>
        <main className="page">
          {PAGES.filter((p) => opened.has(p.id)).map((p) => {
            const Screen = SCREENS[p.id];
            return (
              <section key={p.id} hidden={page !== p.id} aria-label={t(`nav.${p.id}`)}>
                <ErrorBoundary where={`page:${p.id}`}>
                  <Suspense fallback={<p className="loading" aria-busy="true">{t('status.loading')}</p>}>
                    <Screen />
                  </Suspense>
                </ErrorBoundary>
              </section>
            );
          })}
        </main>
        </NavigateContext.Provider>
      </div>
    </ScanProvider>
  );
}
