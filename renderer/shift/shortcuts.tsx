import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { isShown } from '../scan/scanContext';
import { topDialog } from '../ui/Modal';
import { altLetter, shortcutLabel } from './keys';

/**
 * Alt+letter actions of a screen while it is on show and no dialog is open over it. `actions` maps a
 * letter to what it does (missing or undefined: not available now).
 */
export function useScreenShortcuts(root: RefObject<HTMLElement | null>, actions: Readonly<Record<string, (() => void) | undefined>>): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !isShown(root.current)) return;
      // While a dialog is open over this screen only the dialog's keys work.
      const top = topDialog();
      if (top && !top.contains(root.current)) return;
      const letter = altLetter(e);
      const run = letter ? latest.current[letter] : undefined;
      if (run) {
        e.preventDefault();
        run();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root]);
}

interface ShortcutButtonProps {
  letter: string;
  onClick: () => void;
  disabled?: boolean;
  primary?: boolean;
  danger?: boolean;
  testId: string;
  children: ReactNode;
}

/** A button that shows its Alt+letter shortcut. */
export function ShortcutButton({ letter, onClick, disabled, primary, danger, testId, children }: ShortcutButtonProps) {
  const { t } = useTranslation();
  const label = shortcutLabel(letter);
  return (
    <button
      type="button"
      className={[primary ? 'primary' : '', danger ? 'danger' : ''].filter(Boolean).join(' ') || undefined}
      data-testid={testId}
      onClick={onClick}
      disabled={disabled}
      title={t('shortcut', { key: label })}
      aria-keyshortcuts={label}
    >
      {children}
      <kbd>{label}</kbd>
    </button>
  );
}
