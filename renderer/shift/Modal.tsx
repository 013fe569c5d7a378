import { useEffect, useId, useRef, type ReactNode } from 'react';
import { isShown } from '../scan/scanContext';
import { isConfirmKey } from './keys';
import { topDialog } from './shortcuts';
import './counter.css';

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
    const first = el?.querySelector<HTMLElement>('[data-autofocus], input:not([disabled]), select, textarea, button:not([disabled])');
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
