'use server';
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../../api/load.ts';
import { EXPOSURE, UPDATE_EXPOSURE } from '../../../../api/documents/exposures.ts';
import { fieldFromApi, fieldMessage, formValues, type FormState } from '../../../../lib/form-state.ts';
import { EXPOSURE_FORM_FIELDS, exposureChanges } from '../../../../lib/exposure-edit.ts';

export async function updateExposureAction(exposureId: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, EXPOSURE_FORM_FIELDS);
  // Compare against the stored exposure so only real changes are sent (and audited).
  const current = await callFromAction(EXPOSURE, { id: exposureId });
  if (!current.ok) return { status: 'error', message: current.message, fieldErrors: {}, values };
  if (!current.data.exposure) return { status: 'error', message: 'This exposure no longer exists.', fieldErrors: {}, values };

  const changes = exposureChanges(current.data.exposure, values);
  if (!changes.ok) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: changes.fieldErrors, values };
  if (Object.keys(changes.input).length === 0) return { status: 'success', message: 'No changes to save.', fieldErrors: {}, values };

  const result = await callFromAction(UPDATE_EXPOSURE, { id: exposureId, input: changes.input });
  if (!result.ok) {
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
