'use server';
// The obligor page's what-if: run one (a GraphQL query, nothing stored) and save one under a name (a
// mutation; the API recomputes it from the changes). The API checks the features and values and names
// the change at fault.
import { revalidatePath } from 'next/cache';
import { callFromAction, type MutationResult } from '../../../../api/load.ts';
import { SAVE_WHAT_IF_SCENARIO, WHAT_IF, type SaveWhatIfScenarioMutation, type WhatIfQuery } from '../../../../api/documents/what-if.ts';

export interface WhatIfChange {
  feature: string;
  value: number | null;
  text: string | null;
}

export async function runWhatIfAction(obligorId: string, changes: WhatIfChange[]): Promise<MutationResult<WhatIfQuery>> {
  return callFromAction(WHAT_IF, { obligorId, changes });
}

export async function saveWhatIfAction(
  obligorId: string,
  name: string,
  changes: WhatIfChange[],
): Promise<MutationResult<SaveWhatIfScenarioMutation>> {
  const result = await callFromAction(SAVE_WHAT_IF_SCENARIO, { obligorId, name, changes });
  if (result.ok) revalidatePath(`/obligors/${obligorId}`);
  return result;
}
