// What a server action said back to its form, above the fields: an error as an alert, a success as a
// status (screen readers announce both), nothing before the first submit.
import type { FormState } from '../../lib/form-state.ts';

export function FormMessage({ state, className }: { state: FormState; className?: string }) {
  if (!state.message) return null;
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
