'use server';
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../../api/load.ts';
import { EXPOSURE, UPDATE_EXPOSURE } from '../../../../api/documents/exposures.ts';
import { fieldFromApi, fieldMessage, formText, formValues, type FormState } from '../../../../lib/form-state.ts';
import { formatDateTime } from '../../../../lib/format.ts';
import { EXPOSURE_FORM_FIELDS, exposureChanges, exposureFormValues } from '../../../../lib/exposure-edit.ts';
import type { ExposureDetail } from '../../../../api/documents/exposures.ts';

/** Someone saved since the form opened: show their version, so no untouched field of the form undoes it. */
function changedMeanwhile(exposureId: string, stored: ExposureDetail): FormState {
  revalidatePath(`/exposures/${exposureId}`);
  return {
    status: 'error',
    message: `Someone changed this exposure at ${formatDateTime(stored.updatedAt)}, after you opened it. The form now shows the stored values: apply your change again.`,
    fieldErrors: {},
    values: exposureFormValues(stored),
  };
}

export async function updateExposureAction(exposureId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, EXPOSURE_FORM_FIELDS);
  // The version the form was opened on: the API refuses the update if the exposure changed since.
  const expectedUpdatedAt = formText(formData, 'expectedUpdatedAt') || null;
  // Compare against the stored exposure so only real changes are sent (and audited).
  const current = await callFromAction(EXPOSURE, { id: exposureId });
  if (!current.ok) return { status: 'error', message: current.message, fieldErrors: {}, values };
  if (!current.data.exposure) return { status: 'error', message: 'This exposure no longer exists.', fieldErrors: {}, values };
  if (expectedUpdatedAt && Date.parse(expectedUpdatedAt) !== Date.parse(current.data.exposure.updatedAt)) {
    return changedMeanwhile(exposureId, current.data.exposure);
  }

  const changes = exposureChanges(current.data.exposure, values);
  if (!changes.ok) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: changes.fieldErrors, values };
  if (Object.keys(changes.input).length === 0) return { status: 'success', message: 'No changes to save.', fieldErrors: {}, values };

  const result = await callFromAction(UPDATE_EXPOSURE, { id: exposureId, input: changes.input, expectedUpdatedAt });
  if (!result.ok) {
    if (result.code === 'CONFLICT' && result.field === 'expectedUpdatedAt') {
      // Saved by someone else between the check above and the update.
      const latest = await callFromAction(EXPOSURE, { id: exposureId });
      if (latest.ok && latest.data.exposure) return changedMeanwhile(exposureId, latest.data.exposure);
    }
    const field = fieldFromApi(result.field);
    return {
      status: 'error',
      message: field ? 'Check the highlighted field.' : result.message,
      fieldErrors: field ? { [field]: fieldMessage(result.message, result.field) } : {},
      values,
    };
  }
  revalidatePath(`/exposures/${exposureId}`);
  revalidatePath(`/portfolios/${result.data.updateExposure.portfolio.id}`, 'layout');
  return { status: 'success', message: 'Changes saved.', fieldErrors: {}, values: {} };
}
