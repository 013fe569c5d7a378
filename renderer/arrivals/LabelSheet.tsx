import JsBarcode from 'jsbarcode';
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Output } from '../../shop/api/contract';
import { formatMoney } from '../format/money';

export type LabelSet = Output<'arrivals.labelSheet'>;
type Label = LabelSet['labels'][number];

/** Bars drawn as SVG: EAN-13 when the backend says the code is one, CODE128 for any other code. */
export function Barcode({ value, symbology }: { value: string; symbology: 'ean13' | 'code128' }) {
  const ref = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    try {
      JsBarcode(ref.current, value, {
        format: symbology === 'ean13' ? 'EAN13' : 'CODE128',
        height: 36,
        width: symbology === 'ean13' ? 1.6 : 1.2,
        fontSize: 12,
        margin: 0,
        displayValue: true,
      });
    } catch {
      // a code jsbarcode cannot draw: the label still shows name and price, and the code as text below
      ref.current.replaceChildren();
    }
  }, [value, symbology]);
  return <svg ref={ref} className="label-bars" role="img" aria-label={value} data-testid="label-barcode" data-symbology={symbology} data-value={value} />;
}

function LabelCell({ label, currency, language }: { label: Label; currency: string; language: string }) {
  return (
    <div className="label-cell" data-testid="label-cell">
      <div className="label-name">{label.name}</div>
      <div className="label-price">{formatMoney(label.price, currency, language)}</div>
      {label.barcode && label.symbology && <Barcode value={label.barcode} symbology={label.symbology} />}
      {label.barcode && !label.symbology && <div className="label-code">{label.barcode}</div>}
    </div>
  );
}

/**
 * The A4 sheet of labels (3 × 8 stickers of 70 × 37 mm, the common office label sheet), in the shop's
 * language and currency: the customer reads them. On screen it is the preview; on paper (window.print)
 * only the sheet prints (see arrivals.css @media print).
 */
export function LabelSheet({ set, portal = false }: { set: LabelSet; portal?: boolean }) {
  const cells: Label[] = [];
  for (const label of set.labels) for (let i = 0; i < label.copies; i++) cells.push(label);
  const sheet = (
    <div className="label-sheet" data-testid={portal ? 'label-sheet-print' : 'label-sheet'}>
      {cells.map((label, i) => (
        <LabelCell key={`${label.productId}-${i}`} label={label} currency={set.currency} language={set.language} />
      ))}
    </div>
  );
  // For paper the sheet sits directly under <body>, outside the app (which print hides), off screen.
  return portal ? createPortal(sheet, document.body) : sheet;
}
