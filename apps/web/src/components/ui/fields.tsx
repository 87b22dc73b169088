// A labelled input with its hint or error, wired for screen readers (aria-invalid, aria-describedby).
import { useId, type InputHTMLAttributes } from 'react';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string | undefined;
  className?: string;
  numeric?: boolean;
};

export function TextField({ label, error, hint, className, numeric, ...input }: TextFieldProps) {
  const id = useId();
  const describedBy = error || hint ? `${id}-note` : undefined;
  return (
    <label className={`field ${className ?? ''}`}>
      <span className="field__label">{label}</span>
      <input
        id={id}
        className={`input ${numeric ? 'input--num' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error ? (
        <span className="field__error" id={describedBy} data-field-error={input.name}>
          {error}
        </span>
      ) : hint ? (
        <span className="field__hint" id={describedBy}>
          {hint}
        </span>
      ) : null}
    </label>
  );
}
