import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api/client';
import { useBackendEvent } from '../api/hooks';
import { useSession } from '../app/session';
import { currentLanguage } from '../i18n';
import { translateError } from '../i18n/translateError';
import { ProductForm } from '../catalog/ProductForm';
import { useMoney } from '../catalog/useMoney';
import type { ProductListItem } from '../catalog/types';
import { ScanContext, type ScanHandler, type ScanRegistry } from './scanContext';
import { useWedgeScanner } from './useWedgeScanner';
import './scan.css';

type Toast =
  | { kind: 'looking'; code: string }
  | { kind: 'found'; code: string; product: ProductListItem }
  | { kind: 'unknown'; code: string }
  | { kind: 'error'; code: string; error: unknown };

const FOUND_VISIBLE_MS = 6000;
const OTHER_VISIBLE_MS = 12000;

/**
 * Scanning anywhere in the app. The wedge listener hands each scan to the screens that asked for it
 * (latest first); when none takes it, the code is looked up and shown in a toast, with "Add product"
 * for an unknown code when the user may edit the catalog. Codes from serial and HID scanners (backend `scan`
 * events) are handed out the same way. `maxGapMs` tunes the burst detector for a
 * slow (Bluetooth) scanner; the default suits wired ones.
 */
export function ScanProvider({ children, enabled = true, maxGapMs }: { children: ReactNode; enabled?: boolean; maxGapMs?: number }) {
  const handlers = useRef<ScanHandler[]>([]);
  const [toast, setToast] = useState<Toast | null>(null);
  const [creating, setCreating] = useState<string | null>(null);
  const lookup = useRef(0);

  const registry = useMemo<ScanRegistry>(
    () => ({
      push(handler) {
        handlers.current = [...handlers.current, handler];
        return () => {
          handlers.current = handlers.current.filter((h) => h !== handler);
        };
      },
    }),
    [],
  );

  const showLookup = useCallback(async (code: string) => {
    const mine = ++lookup.current;
    setToast({ kind: 'looking', code });
    let next: Toast;
    try {
      const found = await call('catalog.byBarcode', { code, lang: currentLanguage() });
      next = { kind: 'found', code: found.code, product: found.product };
    } catch (error) {
      next =
        error instanceof ApiError && error.body.code === 'not_found' && error.body.messageKey === 'errors:catalog.unknownBarcode'
          ? { kind: 'unknown', code }
          : { kind: 'error', code, error };
    }
    // A second scan while the first was being looked up wins.
    if (mine === lookup.current) setToast(next);
  }, []);

  const onScan = useCallback(
    async (code: string) => {
      for (const handler of [...handlers.current].reverse()) {
        try {
          if (await handler(code)) return;
        } catch {
          // a screen's handler failing must not lose the scan: fall through to the next one
        }
      }
      await showLookup(code);
    },
    [showLookup],
  );

  useWedgeScanner((code) => void onScan(code), { enabled, maxGapMs });
  // Serial and HID POS scanners read in the backend and arrive as `scan` events; from here on they take the
  // very path a wedge scan takes. Not while the window is covered (sign-in) or hidden (a tab in the background:
  // in browser mode every open tab hears the event, and only the one in front should act on it).
  useBackendEvent(['scan'], (event) => {
    if (event.type !== 'scan' || !enabled || document.visibilityState === 'hidden') return;
    void onScan(event.code);
  });

  return (
    <ScanContext.Provider value={registry}>
      {children}
      {toast && (
        <ScanToast
          toast={toast}
          onClose={() => setToast(null)}
          onAdd={(code) => {
            setToast(null);
            setCreating(code);
          }}
        />
      )}
      {creating !== null && (
        <ProductForm
          initialBarcode={creating}
          onClose={() => setCreating(null)}
          onSaved={(product) => {
            setCreating(null);
            const code = product.barcodes[0]?.code ?? creating;
            void showLookup(code);
          }}
        />
      )}
    </ScanContext.Provider>
  );
}

function ScanToast({ toast, onClose, onAdd }: { toast: Toast; onClose: () => void; onAdd: (code: string) => void }) {
  const { t } = useTranslation(['scan', 'catalog']);
  const { can } = useSession();
  const canAdd = can('catalog.edit');
  const { format } = useMoney();

  useEffect(() => {
    if (toast.kind === 'looking') return;
    const timer = setTimeout(onClose, toast.kind === 'found' ? FOUND_VISIBLE_MS : OTHER_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast, onClose]);

  return (
    <div className={`scan-toast ${toast.kind}`} role="status" aria-live="polite" data-testid="scan-result" data-state={toast.kind}>
      <div className="scan-toast-body">
        <small className="scan-code">{t('scanned', { code: toast.code })}</small>
        {toast.kind === 'looking' && <span>{t('lookingUp')}</span>}
        {toast.kind === 'found' && (
          <>
            <strong className="scan-name">{toast.product.name}</strong>
            <span className="scan-price">
              {t('pricePerUnit', { price: format(toast.product.price), unit: t(`catalog:unitsShort.${toast.product.unit}`) })}
            </span>
            {toast.product.archived && <span className="badge">{t('catalog:archived.badge')}</span>}
          </>
        )}
        {toast.kind === 'unknown' && <strong>{t('unknown')}</strong>}
        {toast.kind === 'error' && <strong className="scan-error">{translateError(toast.error)}</strong>}
      </div>
      <div className="scan-toast-actions">
        {toast.kind === 'unknown' && canAdd && (
          <button type="button" className="primary" data-testid="scan-add-product" onClick={() => onAdd(toast.code)}>
            {t('addProduct')}
          </button>
        )}
        <button type="button" className="ghost" onClick={onClose} aria-label={t('close')} title={t('close')}>
          {CLOSE}
        </button>
      </div>
    </div>
  );
}

const CLOSE = '✕';
