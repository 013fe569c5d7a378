import { useEffect, useRef } from 'react';
import { WedgeDetector, type WedgeOptions } from './wedge';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** What the focused field held when a burst began, to put back once the burst proves to be a scan. */
interface FieldSnapshot {
  field: TextField;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

function focusedTextField(): TextField | null {
  let el: Element | null = document.activeElement;
  // Fields inside shadow roots (none of ours today) still receive the burst's characters.
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type)) {
    return el;
  }
  return null;
}

function snapshot(): FieldSnapshot | null {
  const field = focusedTextField();
  if (!field) return null;
  let selectionStart: number | null = null;
  let selectionEnd: number | null = null;
  try {
    selectionStart = field.selectionStart;
    selectionEnd = field.selectionEnd;
  } catch {
    // type=number/email inputs have no selection API
  }
  return { field, value: field.value, selectionStart, selectionEnd };
}

/**
 * Puts the field back as it was before the burst. React tracks an input's value itself and ignores a
 * plain `field.value = …`; setting it through the prototype's setter and dispatching `input` makes
 * React see an ordinary edit, so a controlled component's state follows.
 */
function restore(s: FieldSnapshot): void {
  if (!s.field.isConnected || s.field.value === s.value) return;
  const proto = s.field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(s.field, s.value);
  else s.field.value = s.value;
  s.field.dispatchEvent(new Event('input', { bubbles: true }));
  if (s.selectionStart !== null && s.selectionEnd !== null) {
    try {
      s.field.setSelectionRange(s.selectionStart, s.selectionEnd);
    } catch {
      // field type without selection
    }
  }
}

export interface WedgeScannerOptions extends WedgeOptions {
  /** Off while the window is covered (sign-in picker) or in tests that type slowly on purpose. */
  enabled?: boolean;
}

/**
 * Listens to every keydown in the window (capture phase, before any field or shortcut sees it) and
 * calls `onScan` with each barcode a keyboard-wedge scanner types. The scanner's Enter/Tab is
 * swallowed, and whatever the burst typed into the focused field is taken back out.
 */
export function useWedgeScanner(onScan: (code: string) => void, options: WedgeScannerOptions = {}): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  const { enabled = true, maxGapMs, minLength, maxLength } = options;

  useEffect(() => {
    if (!enabled) return;
    const detector = new WedgeDetector({ maxGapMs, minLength, maxLength });
    let before: FieldSnapshot | null = null;

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) return; // an IME is composing: its keys are not a scanner's
      const verdict = detector.feed({
        code: e.code,
        key: e.key,
        shiftKey: e.shiftKey,
        ctrlKey: e.ctrlKey,
        altKey: e.altKey,
        metaKey: e.metaKey,
        repeat: e.repeat,
        timeStamp: e.timeStamp,
        capsLock: e.getModifierState?.('CapsLock') ?? false,
      });
      if (verdict.kind === 'char' && verdict.startsBurst) {
        before = snapshot();
      } else if (verdict.kind === 'scan') {
        // The terminator would submit a form, move focus (Tab) or open a row: it belongs to the scan.
        e.preventDefault();
        e.stopImmediatePropagation();
        if (before) restore(before);
        before = null;
        latest.current(verdict.code);
      }
    };
    const onBlur = () => {
      detector.reset();
      before = null;
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled, maxGapMs, minLength, maxLength]);
}
