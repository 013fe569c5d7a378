import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/hooks';
import { formatMoney } from '../format/money';

/**
 * The shop's currency (prices are stored in its minor units). While it loads, prices are shown as
 * plain numbers rather than in a guessed currency.
 */
export function useShopCurrency(): string | null {
  const shop = useApi('shops.get', {}, ['shop.changed']);
  return shop.data?.currency ?? null;
}

/** Formats minor units in the shop's currency and the UI language, re-rendering on a language switch. */
export function useMoney(): { currency: string | null; format: (minor: number) => string } {
  const currency = useShopCurrency();
  const { i18n } = useTranslation();
  const language = i18n.language;
  const format = useCallback(
    (minor: number) => (currency ? formatMoney(minor, currency, language) : (minor / 100).toFixed(2)),
    [currency, language],
  );
  return { currency, format };
}
