'use server';
// Saves the next version of the organization's factor model. The form's inputs are read here; the
// API checks the maths (positive semi-definite, R in [0, 1)) and names the entry at fault.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { callFromAction } from '../../../api/load.ts';
import { SAVE_RISK_FACTOR_MODEL } from '../../../api/documents/risk-model.ts';
import { fieldMessage, formSnapshot, type FormState } from '../../../lib/form-state.ts';
import { MATRIX_FIELD, modelFieldFromApi, parseModelForm } from '../../../lib/risk-model-form.ts';
import { formVersion, isStaleVersion } from '../../../lib/stale-version.ts';

const PATH = '/risk-model';

export async function saveRiskModelAction(sectors: string[], _previous: FormState, formData: FormData): Promise<FormState> {
  const values = formSnapshot(formData);
  const parsed = parseModelForm(sectors, (name) => values[name] ?? '');
  if (!parsed.ok) return { status: 'error', message: 'Check the highlighted fields.', fieldErrors: parsed.errors, values };
  const expectedVersion = formVersion(formData);
  const result = await callFromAction(SAVE_RISK_FACTOR_MODEL, { input: parsed.input, expectedVersion });
  if (!result.ok) {
    if (isStaleVersion(result)) {
      // Someone saved a version after this editor opened: show it, and say that nothing was saved.
      revalidatePath(PATH);
      redirect(`${PATH}?stale=${expectedVersion}`);
    }
    const field = modelFieldFromApi(result.field, sectors);
    const text = fieldMessage(result.message, result.field);
    return {
      status: 'error',
      message: field ? 'Nothing was saved: check the highlighted entry.' : result.message,
      // "Is not positive semi-definite: …" reads better under the table as a sentence about the matrix.
      fieldErrors: field ? { [field]: field === MATRIX_FIELD ? `The matrix ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text } : {},
      values,
    };
  }
  revalidatePath(PATH);
  redirect(`${PATH}?saved=${result.data.saveRiskFactorModel.version}`);
}
