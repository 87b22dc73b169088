// How pages and server actions call the API. Pages turn the API's answers into Next.js interrupts:
// no session -> sign-in, FORBIDDEN -> the forbidden page, NOT_FOUND -> the not-found page (another
// tenant's ids look exactly like missing ones). Server actions get a result to show beside the form.
import 'server-only';
import { cache } from 'react';
import { forbidden, notFound, redirect } from 'next/navigation';
import { requireSession } from '../auth/session.ts';
import { callApi } from './client.ts';
import type { Document } from './document.ts';
import { ApiError, userFacingMessage } from './errors.ts';
import { ME, type Viewer } from './documents/identity.ts';

const SESSION_ENDED = '/signin?reason=session-ended';
export const PASSWORD_PATH = '/settings/password';

export async function query<TData, TVariables>(document: Document<TData, TVariables>, variables?: TVariables): Promise<TData> {
  const session = await requireSession();
  // A temporary password comes first: every page but the frame (ME) sends the user to replace it.
  if (session.mustChangePassword && document !== ME) redirect(`${PASSWORD_PATH}?required=1`);
  try {
    return await callApi(session, document, variables);
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.code === 'UNAUTHENTICATED') redirect(SESSION_ENDED);
      if (error.code === 'FORBIDDEN') forbidden();
      if (error.code === 'NOT_FOUND') notFound();
      // Next.js masks server errors in production; keep the request id in the logged message.
      throw new Error(`${error.code}: ${error.message} (request ${error.requestId})`, { cause: error });
    }
    throw error;
  }
}

/** The caller as the API sees them (role and permissions re-checked on every request). */
export const viewer = cache(async (): Promise<Viewer> => (await query(ME)).me);

/** Renders the forbidden page unless the API grants the caller this permission. */
export async function requirePermission(permission: string): Promise<Viewer> {
  const me = await viewer();
  if (!me.permissions.includes(permission)) forbidden();
  return me;
}

export type MutationResult<TData> = { ok: true; data: TData } | { ok: false; code: ApiError['code']; message: string; field?: string };

export async function callFromAction<TData, TVariables>(
  document: Document<TData, TVariables>,
  variables: TVariables,
): Promise<MutationResult<TData>> {
  const session = await requireSession();
  try {
    return { ok: true, data: await callApi(session, document, variables) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 'UNAUTHENTICATED') redirect(SESSION_ENDED);
    return { ok: false, code: error.code, message: userFacingMessage(error), ...(error.field ? { field: error.field } : {}) };
  }
}
