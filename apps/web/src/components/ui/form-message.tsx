// What a server action said back to its form, above the fields: an error as an alert, a success as a
// status (screen readers announce both), nothing before the first submit.
import type { FormState } from '../../lib/form-state.ts';

export function FormMessage({ state, className, errorsOnly = false }: { state: FormState; className?: string; errorsOnly?: boolean }) {
  // errorsOnly: for forms whose success shows otherwise (a new secret, a redirect).
  if (!state.message || (errorsOnly && state.status !== 'error')) return null;
  const error = state.status === 'error';
  return (
    <div
      className={`alert ${error ? 'alert--error' : 'alert--success'}${className ? ` ${className}` : ''}`}
      role={error ? 'alert' : 'status'}
    >
      {state.message}
    </div>
  );
}
