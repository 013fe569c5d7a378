import { useEffect, useId, useRef, type ReactNode } from 'react';
import { isShown } from '../scan/scanContext';
import { isConfirmKey } from './keys';
import { topDialog } from './shortcuts';
import './counter.css';

const FOCUS_ORDER = ['[data-autofocus]', 'input:not([disabled])', 'select:not([disabled])', 'textarea:not([disabled])', 'button:not([disabled])'];

const FOCUSABLE = 'input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href]';

interface ModalProps {
  title: string;
  onClose: () => void;
  /** Ctrl+Enter anywhere in the dialog. */
  onConfirm?: () => void;
  busy?: boolean;
  wide?: boolean;
  testId: string;
  children: ReactNode;
  footer?: ReactNode;
}

/**
 * A dialog over the screen (cash in/out, counting the drawer, a return). Keyboard: Esc closes, Ctrl+Enter
 * confirms, focus starts on the first field. Only the dialog on show reacts: screens stay mounted hidden.
 */
export function Modal({ title, onClose, onConfirm, busy, wide, testId, children, footer }: ModalProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef({ onClose, onConfirm, busy });
  useEffect(() => {
    latest.current = { onClose, onConfirm, busy };
  });

  useEffect(() => {
    const el = ref.current;
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
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="counter-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        ref={ref}
        className={`counter-modal${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        data-counter-modal=""
      >
        <header className="counter-modal-head">
          <h2 id={titleId}>{title}</h2>
        </header>
        <div className="counter-modal-body">{children}</div>
        {footer && <footer className="counter-modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}
