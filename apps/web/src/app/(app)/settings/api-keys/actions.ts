'use server';
import { TEXT_LIMITS } from '@probity/db/limits';
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../../api/load.ts';
import { API_KEY_SCOPES, CREATE_API_KEY, REVOKE_API_KEY, type ApiKeyScope } from '../../../../api/documents/api-keys.ts';
import { fieldFromApi, fieldMessage, formText, type FormState } from '../../../../lib/form-state.ts';

export interface CreateKeyState extends FormState {
  /** The full key, present only in the response to the create action: it is never shown again. */
  secret?: string;
  keyName?: string;
}

const PATH = '/settings/api-keys';

export async function createApiKeyAction(_previous: CreateKeyState, formData: FormData): Promise<CreateKeyState> {
  const name = formText(formData, 'name').trim();
  const scopes = formData
    .getAll('scopes')
    .map(String)
    .filter((scope): scope is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(scope));
  const expiresOn = formText(formData, 'expiresOn').trim();
  const values = { name, expiresOn, scopes: scopes.join(',') };
  const fieldErrors: Record<string, string> = {};
  if (!name) fieldErrors.name = 'Enter a name that says what the key is for.';
  else if (name.length > TEXT_LIMITS.apiKeyName) fieldErrors.name = `Use at most ${TEXT_LIMITS.apiKeyName} characters.`;
  if (scopes.length === 0) fieldErrors.scopes = 'Choose at least one scope.';
  let expiresAt: string | null = null;
  if (expiresOn) {
    const date = new Date(`${expiresOn}T23:59:59Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) || Number.isNaN(date.getTime())) fieldErrors.expiresOn = 'Enter a date as YYYY-MM-DD.';
    else if (date.getTime() <= Date.now()) fieldErrors.expiresOn = 'Choose a date in the future.';
    else expiresAt = date.toISOString();
  }
  if (Object.keys(fieldErrors).length > 0) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors, values };

  const result = await callFromAction(CREATE_API_KEY, { input: { name, scopes, expiresAt } });
  if (!result.ok) {
    const apiField = fieldFromApi(result.field);
    const field = apiField === 'expiresAt' ? 'expiresOn' : apiField;
    return {
      status: 'error',
      message: result.message,
      fieldErrors: field ? { [field]: fieldMessage(result.message, result.field) } : {},
      values,
    };
  }
  revalidatePath(PATH);
  return {
    status: 'success',
    fieldErrors: {},
    values: {},
    secret: result.data.createApiKey.secret,
    keyName: result.data.createApiKey.apiKey.name,
  };
}

export interface RevokeState {
  error?: string;
}

export async function revokeApiKeyAction(keyId: string, _previous: RevokeState, _formData: FormData): Promise<RevokeState> {
  const result = await callFromAction(REVOKE_API_KEY, { id: keyId });
  if (!result.ok) return { error: result.message };
  revalidatePath(PATH);
  return {};
}
