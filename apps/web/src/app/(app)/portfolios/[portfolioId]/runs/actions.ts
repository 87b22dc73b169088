'use server';
// "Re-score now": queues a run of the portfolio's linked model for the workers (rescorePortfolio).
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../../../api/load.ts';
import { RESCORE_PORTFOLIO } from '../../../../../api/documents/monitoring.ts';
import type { FormState } from '../../../../../lib/form-state.ts';

export async function rescoreAction(portfolioId: string, _previous: FormState): Promise<FormState> {
  const result = await callFromAction(RESCORE_PORTFOLIO, { portfolioId });
  if (!result.ok) return { status: 'error', message: result.message, fieldErrors: {}, values: {} };
  revalidatePath(`/portfolios/${portfolioId}/runs`);
  return { status: 'success', message: 'Run queued: progress shows below.', fieldErrors: {}, values: {} };
}
