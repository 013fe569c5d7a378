import { useTranslation } from 'react-i18next';
import { swatchBackground } from './colourSwatches';

/** A colour chip and its name in the UI language. */
export function ColourLabel({ colour }: { colour: string | null }) {
  const { t } = useTranslation('colours');
  if (!colour) return null;
  return (
    <span className="colour-label" title={t(colour)}>
      <ColourSwatch colour={colour} />
      <span className="colour-name">{t(colour)}</span>
    </span>
  );
}

export function ColourSwatch({ colour }: { colour: string }) {
  return <span className="swatch" aria-hidden="true" style={{ background: swatchBackground(colour) }} />;
}
