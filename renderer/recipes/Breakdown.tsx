import { useTranslation } from 'react-i18next';
import { markupText } from './markup';
import type { Breakdown } from './types';

/** Cost × markup per kind, then fee, addition and rounding down to the price: how the rules got there. */
export function PriceBreakdown({ breakdown, price, format }: { breakdown: Breakdown; price: number; format: (minor: number) => string }) {
  const { t, i18n } = useTranslation('recipes');
  const { t: tc } = useTranslation('catalog');
  return (
    <table className="table compact breakdown" data-testid="price-breakdown">
      <tbody>
        {breakdown.kinds.map((k) => (
          <tr key={k.kind}>
            <th scope="row">{tc(`kinds.${k.kind}`)}</th>
            <td>
              {format(k.cost)} × {markupText(k.markupBp, i18n.language)}
            </td>
            <td className="num">{format(k.amount)}</td>
          </tr>
        ))}
        {breakdown.assemblyFee > 0 && (
          <tr>
            <th scope="row">{t('breakdown.fee')}</th>
            <td />
            <td className="num">{format(breakdown.assemblyFee)}</td>
          </tr>
        )}
        {breakdown.fixedAddition > 0 && (
          <tr>
            <th scope="row">{t('breakdown.addition')}</th>
            <td />
            <td className="num">{format(breakdown.fixedAddition)}</td>
          </tr>
        )}
        {breakdown.rounding !== 0 && (
          <tr>
            <th scope="row">{t('breakdown.rounding')}</th>
            <td />
            <td className="num">{format(breakdown.rounding)}</td>
          </tr>
        )}
        <tr className="total">
          <th scope="row">{t('breakdown.price')}</th>
          <td />
          <td className="num">{format(price)}</td>
        </tr>
      </tbody>
    </table>
  );
}
