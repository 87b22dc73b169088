'use client';
import { TEXT_LIMITS } from '@probity/db/limits';
import { useActionState } from 'react';
import { ROLE_OPTIONS } from '../../../../api/documents/members.ts';
import { TextField } from '../../../../components/ui/fields.tsx';
import { CheckIcon } from '../../../../components/ui/icons.tsx';
import { inviteMemberAction, type InviteState } from './actions.ts';
import { FormMessage } from '../../../../components/ui/form-message.tsx';

const initial: InviteState = { status: 'idle', fieldErrors: {}, values: {} };

export function InviteMemberForm() {
  const [state, action, pending] = useActionState(inviteMemberAction, initial);
  return (
    <div className="stack">
      {state.status === 'success' ? (
        <div className="alert alert--success" role="status" data-testid="member-invited">
          <CheckIcon />
          <div className="grow">
            <div className="alert__title">{state.invitedEmail} is now a member.</div>
            {state.temporaryPassword ? (
              <>
                <p>Hand over this temporary password. It is shown once; they must choose their own at first sign-in.</p>
                <div className="secret-box">
                  <code data-testid="temporary-password">{state.temporaryPassword}</code>
                </div>
              </>
            ) : (
              <p>They already have an account and sign in with their own password.</p>
            )}
          </div>
        </div>
      ) : null}
      <form action={action} noValidate className="card card__body" data-testid="invite-member-form">
        <h2>Invite a person</h2>
        <FormMessage state={state} className="form-grid--spaced" errorsOnly />
        <div className="form-grid form-grid--spaced">
          <TextField
            label="E-mail"
            name="email"
            type="email"
            maxLength={TEXT_LIMITS.email}
            defaultValue={state.values.email}
            error={state.fieldErrors.email}
            key={`email-${state.status}`}
          />
          <TextField
            label="Name"
            name="name"
            maxLength={TEXT_LIMITS.personName}
            defaultValue={state.values.name}
            error={state.fieldErrors.name}
            key={`name-${state.status}`}
          />
          <label className="field">
            <span className="field__label">Role</span>
            <select
              name="role"
              className="input"
              defaultValue={state.values.role ?? 'VIEWER'}
              key={`role-${state.status}-${state.values.role ?? 'VIEWER'}`}
            >
              {ROLE_OPTIONS.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
            {state.fieldErrors.role ? <span className="field__error">{state.fieldErrors.role}</span> : null}
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={pending}>
            {pending ? 'Inviting…' : 'Invite'}
          </button>
        </div>
      </form>
    </div>
  );
}
