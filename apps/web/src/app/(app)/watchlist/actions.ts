'use server';
// The watchlist's settings form: one GraphQL mutation; the API checks the values and names the field, and
// refuses a save based on settings someone else saved over since.
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../api/load.ts';
import { SET_MONITORING_SETTINGS } from '../../../api/documents/monitoring.ts';
import { fieldFromApi, fieldMessage, formValues, type FormState } from '../../../lib/form-state.ts';
import { formVersion, isStaleVersion } from '../../../lib/stale-version.ts';

export async function setWatchlistSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, ['watchlistPdThreshold', 'watchlistGradeDrop']);
  const errors: Record<string, string> = {};
  // The form takes the threshold in percent, as the table shows PDs.
  const percent = Number(values.watchlistPdThreshold);
  if (values.watchlistPdThreshold!.trim() === '' || !Number.isFinite(percent)) errors.watchlistPdThreshold = 'Must be a number (percent)';
  const drop = Number(values.watchlistGradeDrop);
  if (values.watchlistGradeDrop!.trim() === '' || !Number.isInteger(drop)) errors.watchlistGradeDrop = 'Must be a whole number';
  if (Object.keys(errors).length) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: errors, values };
  const result = await callFromAction(SET_MONITORING_SETTINGS, {
    watchlistPdThreshold: percent / 100,
    watchlistGradeDrop: drop,
    expectedVersion: formVersion(formData),
  });
  if (!result.ok && isStaleVersion(result)) {
    // The page now shows the stored settings; the form starts from them.
    revalidatePath('/watchlist');
    return {
      status: 'error',
      message:
        'Someone saved the watchlist settings after you opened them. Nothing was saved: the form now shows the stored settings; apply your change again.',
      fieldErrors: {},
      values: {},
    };
  }
  if (!result.ok) {
    const field = fieldFromApi(result.field);
    return {
      status: 'error',
      message: result.message,
      // The API speaks of PDs as fractions; the form of percent.
      fieldErrors: field
        ? { [field]: field === 'watchlistPdThreshold' ? 'Must be above 0% and below 100%' : fieldMessage(result.message, result.field) }
        : {},
      values,
    };
  }
  revalidatePath('/watchlist');
  return { status: 'success', message: 'Watchlist settings saved.', fieldErrors: {}, values: {} };
}
