'use client';
// Per-member controls: change the role, disable or enable, remove (asks once more). Refusals such as
// "the last admin cannot be demoted" are shown beside the row.
import { useActionState, useState } from 'react';
import { ROLE_OPTIONS, type Role } from '../../../../api/documents/members.ts';
import { changeRoleAction, removeMemberAction, setDisabledAction, type MemberActionState } from './actions.ts';

export function MemberActions({ userId, name, role, disabled }: { userId: string; name: string; role: Role; disabled: boolean }) {
  const [roleState, roleAction, rolePending] = useActionState<MemberActionState, FormData>(changeRoleAction.bind(null, userId), {});
  const [disableState, disableAction, disablePending] = useActionState<MemberActionState, FormData>(
    setDisabledAction.bind(null, userId, !disabled),
    {},
  );
  const [removeState, removeAction, removePending] = useActionState<MemberActionState, FormData>(removeMemberAction.bind(null, userId), {});
  const [confirming, setConfirming] = useState(false);
  const error = roleState.error ?? disableState.error ?? removeState.error;
  return (
    <div className="member-actions">
      <form action={roleAction} className="inline-form">
        <select name="role" className="input input--small" defaultValue={role} aria-label={`Role of ${name}`} key={role}>
          {ROLE_OPTIONS.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <button type="submit" className="btn btn--secondary btn--small" disabled={rolePending}>
          {rolePending ? 'Saving…' : 'Save role'}
        </button>
      </form>
      <form action={disableAction} className="inline-form">
        <button
          type="submit"
          className="btn btn--secondary btn--small"
          disabled={disablePending}
          aria-label={`${disabled ? 'Enable' : 'Disable'} ${name}`}
        >
          {disabled ? 'Enable' : 'Disable'}
        </button>
      </form>
      {confirming ? (
        <form action={removeAction} className="confirm">
          <span className="confirm__text">Remove {name} from the organization?</span>
          <button type="submit" className="btn btn--danger btn--small" disabled={removePending}>
            {removePending ? 'Removing…' : 'Confirm remove'}
          </button>
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setConfirming(false)} disabled={removePending}>
            Cancel
          </button>
        </form>
      ) : (
        <button
          type="button"
          className="btn btn--danger-outline btn--small"
          onClick={() => setConfirming(true)}
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      )}
      {error ? (
        <span className="field__error" role="alert" data-testid="member-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
