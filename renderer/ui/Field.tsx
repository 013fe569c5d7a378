import { cloneElement, useEffect, useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { errorField, translateError } from '../i18n/translateError';

interface FieldProps {
  label: string;
  /** Backend field names this input answers for (zod paths such as 'owner.password', or a handler's own 'password'). */
  names: readonly string[];
  error: unknown;
  hint?: string;
  children: ReactElement<{ id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;
}

/** A labelled input that shows a backend error under itself when the error names its field. */
export function Field({ label, names, error, hint, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const field = error ? errorField(error) : undefined;
  const mine = field !== undefined && names.includes(field);
  const describedBy = mine ? `${id}-error` : hint ? `${id}-hint` : undefined;
  // Keyboard first: the person lands on the field to fix, not on the button they pressed.
  useEffect(() => {
    if (mine) document.getElementById(id)?.focus();
  }, [mine, error, id]);
  return (
    <div className={`field${mine ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, 'aria-invalid': mine || undefined, 'aria-describedby': describedBy })}
      {hint && !mine && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {mine && (
        <small id={`${id}-error`} className="field-error" role="alert" data-testid="error-message">
          {translateError(error, t)}
        </small>
      )}
    </div>
  );
}

/** Whether an error is already shown under one of a form's fields (so the form need not repeat it at the top). */
export function isFieldError(error: unknown, fields: readonly string[]): boolean {
  const field = error ? errorField(error) : undefined;
  return field !== undefined && fields.includes(field);
}
