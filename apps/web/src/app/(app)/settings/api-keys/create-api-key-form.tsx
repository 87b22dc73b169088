'use client';
import { TEXT_LIMITS } from '@probity/db/limits';
import { useActionState, useState } from 'react';
import { API_KEY_SCOPES } from '../../../../api/documents/api-keys.ts';
import { TextField } from '../../../../components/ui/fields.tsx';
import { CheckIcon, CopyIcon } from '../../../../components/ui/icons.tsx';
import { createApiKeyAction, type CreateKeyState } from './actions.ts';
import { FormMessage } from '../../../../components/ui/form-message.tsx';

const SCOPE_HELP: Record<(typeof API_KEY_SCOPES)[number], string> = {
  READ: 'Read (viewer)',
  WRITE: 'Read and edit exposures (analyst)',
  ADMIN: 'Everything, including keys (admin)',
};

const initial: CreateKeyState = { status: 'idle', fieldErrors: {}, values: {} };

export function CreateApiKeyForm() {
  const [state, action, pending] = useActionState(createApiKeyAction, initial);
  const chosenScopes = state.status === 'error' ? (state.values.scopes ?? '').split(',') : ['READ'];
  return (
    <div className="stack">
      {state.secret ? <NewSecret secret={state.secret} name={state.keyName ?? 'New key'} /> : null}
      <form action={action} noValidate className="card card__body" data-testid="create-api-key-form">
        <h2>Create an API key</h2>
        <FormMessage state={state} className="form-grid--spaced" errorsOnly />
        <div className="form-grid form-grid--spaced">
          <TextField
            label="Name"
            name="name"
            maxLength={TEXT_LIMITS.apiKeyName}
            placeholder="e.g. Nightly risk export"
            defaultValue={state.values.name}
            error={state.fieldErrors.name}
            key={`name-${state.status}`}
          />
          <TextField
            label="Expires on (optional)"
            name="expiresOn"
            type="date"
            defaultValue={state.values.expiresOn}
            error={state.fieldErrors.expiresOn}
            hint="Leave empty for a key that does not expire."
            key={`exp-${state.status}`}
          />
          <fieldset className="field span-2 fieldset" aria-invalid={state.fieldErrors.scopes ? true : undefined}>
            <legend className="field__label">Scopes</legend>
            <div className="checkbox-row" key={`scopes-${state.status}`}>
              {API_KEY_SCOPES.map((scope) => (
                <label key={scope} className="checkbox">
                  <input type="checkbox" name="scopes" value={scope} defaultChecked={chosenScopes.includes(scope)} />{' '}
                  <span>
                    <strong>{scope}</strong> · {SCOPE_HELP[scope]}
                  </span>
                </label>
              ))}
            </div>
            {state.fieldErrors.scopes ? <span className="field__error">{state.fieldErrors.scopes}</span> : null}
          </fieldset>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn--primary" disabled={pending}>
            {pending ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </div>
  );
}

function NewSecret({ secret, name }: { secret: string; name: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert--success" role="status" data-testid="new-api-key">
      <CheckIcon />
      <div className="grow">
        <div className="alert__title">Key “{name}” created. Copy it now: it will not be shown again.</div>
        <div className="secret-box">
          <code data-testid="api-key-secret">{secret}</code>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => {
              navigator.clipboard.writeText(secret).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? (
              <>
                <CheckIcon /> Copied
              </>
            ) : (
              <>
                <CopyIcon /> Copy
              </>
            )}
          </button>
        </div>
        <p className="cell-sub">
          Send it as <code>Authorization: Bearer &lt;key&gt;</code>. Only a hash is stored; if it is lost, revoke it and create another.
        </p>
      </div>
    </div>
  );
}
