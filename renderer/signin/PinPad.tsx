import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** On-screen digits for a touch screen; the keyboard works too (the PIN field keeps the focus). */
export function PinPad({ onDigit, onErase, disabled }: { onDigit: (d: string) => void; onErase: () => void; disabled: boolean }) {
  const { t } = useTranslation('signin');
  // tabIndex -1: keyboard users type into the field; the pad is for fingers and would only lengthen the tab order.
  return (
    <div className="pin-pad" role="group" aria-label={t('pinPad')}>
      {DIGITS.map((d) => (
        <button key={d} type="button" tabIndex={-1} disabled={disabled} onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      <span />
      <button type="button" tabIndex={-1} disabled={disabled} onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" tabIndex={-1} disabled={disabled} onClick={onErase} aria-label={t('erase')} title={t('erase')}>
        ⌫
      </button>
    </div>
  );
}
