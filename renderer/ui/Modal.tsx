import { useEffect, useId, useRef, type ReactNode } from 'react';
import { isShown } from '../scan/scanContext';
import './modal.css';

/** Where typing should start, in order of preference (see the focus effect below). */
const FOCUS_ORDER = [
  '[data-autofocus]',
  'input:not([disabled]):not([type=hidden])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'button.primary:not([disabled])',
  'button:not([disabled])',
];

const FOCUSABLE = 'input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  /** Ctrl+Enter anywhere in the dialog. */
  onConfirm?: () => void;
  /** While busy (a request is on its way) the dialog neither closes nor confirms. */
  busy?: boolean;
  wide?: boolean;
  className?: string;
  testId?: string;
  children: ReactNode;
  footer?: ReactNode;
}

/**
 * The one dialog over a screen, for touch and keyboard: Escape or a tap outside closes it, Ctrl+Enter
 * confirms, focus starts on the first field (or the element marked `data-autofocus`), stays inside on
 * Tab, and comes back where it was when the dialog closes. Only the dialog on show and on top reacts:
 * screens stay mounted hidden, their dialogs with them.
 */
export function Modal({ title, onClose, onConfirm, busy = false, wide, className, testId, children, footer }: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef({ onClose, onConfirm, busy });
  useEffect(() => {
    latest.current = { onClose, onConfirm, busy };
  });

  useEffect(() => {
    const el = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // A selector list matches in document order, so ask in order of preference: a stepper's − button
    // comes before its count field in the page, but the field is where typing should start.
    const first = FOCUS_ORDER.map((sel) => el?.querySelector<HTMLElement>(sel)).find((found) => found);
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (!isShown(ref.current) || e.defaultPrevented) return;
      // A dialog opened on top of this one answers first.
      if (topDialog() !== ref.current) return;
      const { onClose, onConfirm, busy } = latest.current;
      if (e.key === 'Escape' && !busy) {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else if (e.key === 'Tab' && ref.current) {
        // Keep Tab inside the dialog: the screen behind it is not for now.
        const focusable = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((f) => f.tabIndex >= 0);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        const active = document.activeElement;
        if (!first || !last) return;
        if (!ref.current.contains(active) || (e.shiftKey && active === first) || (!e.shiftKey && active === last)) {
          e.preventDefault();
          (e.shiftKey ? last : first).focus();
        }
      } else if (isConfirmKey(e) && onConfirm && !busy) {
        e.preventDefault();
        onConfirm();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus();
    };
  }, []);

  const classes = ['dialog', wide ? 'wide' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div ref={ref} className={classes} role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid={testId} data-modal="">
        <header className="dialog-head">
          <h2 id={titleId}>{title}</h2>
        </header>
        <div className="dialog-body">{children}</div>
        {footer && <footer className="dialog-foot">{footer}</footer>}
      </div>
    </div>
  );
}

/** The dialog on top among those on show (screens stay mounted hidden, dialogs with them). */
export function topDialog(): Element | undefined {
  const shown = [...document.querySelectorAll('[data-modal]')].filter(isShown);
  return shown[shown.length - 1];
}

/** Ctrl+Enter (or ⌘+Enter): confirm a dialog from any field in it. */
export function isConfirmKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey;
}
