'use client';
import { TEXT_LIMITS } from '@probity/db/limits';
import { useActionState } from 'react';
import { TextField } from '../../../../components/ui/fields.tsx';
import { initialFormState } from '../../../../lib/form-state.ts';
import { changePasswordAction } from './actions.ts';
import { FormMessage } from '../../../../components/ui/form-message.tsx';

export function ChangePasswordForm({ required }: { required: boolean }) {
  const [state, action, pending] = useActionState(changePasswordAction, initialFormState);
  return (
    <form action={action} noValidate className="card card__body" data-testid="change-password-form">
      {required ? (
        <div className="alert alert--warning form-grid--spaced" role="status" data-testid="password-required">
          You signed in with a temporary password. Choose your own before you continue.
        </div>
      ) : null}
      <FormMessage state={state} className="form-grid--spaced" />
      <input type="hidden" name="required" value={required ? '1' : '0'} />
      <div className="form-grid form-grid--spaced">
        <TextField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          maxLength={TEXT_LIMITS.password}
          error={state.fieldErrors.currentPassword}
        />
        <span />
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          maxLength={TEXT_LIMITS.password}
          hint="At least 12 characters."
          error={state.fieldErrors.newPassword}
        />
        <TextField
          label="New password again"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          maxLength={TEXT_LIMITS.password}
          error={state.fieldErrors.confirmPassword}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
