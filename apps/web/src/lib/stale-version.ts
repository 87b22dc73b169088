// Editors of versioned objects (the master scale, the risk factor model, stress scenarios, the watchlist
// settings, risk limits) send the version they were opened on; the API refuses the save if another was
// saved since, so an editor never undoes a save it did not see.
import { formText } from './form-state.ts';

/** The hidden `expectedVersion` field: the version the form was opened on (null if absent). */
export function formVersion(formData: FormData): number | null {
  const text = formText(formData, 'expectedVersion').trim();
  return /^\d+$/.test(text) ? Number(text) : null;
}

/** The API's answer to a save based on an older version: CONFLICT on expectedVersion, nothing written. */
export function isStaleVersion(result: { code: string; field?: string }): boolean {
  return result.code === 'CONFLICT' && result.field === 'expectedVersion';
}
