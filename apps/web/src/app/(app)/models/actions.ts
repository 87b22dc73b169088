'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { callFromAction } from '../../../api/load.ts';
import {
  CANCEL_TRAINING,
  SET_MODEL_CHALLENGER,
  TRAIN_MODEL,
  TRANSITION_VERSION,
  type ModelVersionAction,
} from '../../../api/documents/models.ts';
import { formSnapshot, formText } from '../../../lib/form-state.ts';

export interface ActionState {
  error?: string;
  field?: string;
  /** What the form sent, shown again after a refusal (React resets a form once its action ends). */
  values?: Record<string, string>;
  /** Counts refusals, so each one re-reads the form's defaults (a new key) from `values`. */
  attempt?: number;
}

function refused(previous: ActionState, formData: FormData, result: { message: string; field?: string }): ActionState {
  return {
    error: result.message,
    ...(result.field ? { field: result.field } : {}),
    values: formSnapshot(formData),
    attempt: (previous.attempt ?? 0) + 1,
  };
}

const ACTIONS: ModelVersionAction[] = ['VALIDATE', 'APPROVE', 'REJECT', 'PROMOTE', 'RETIRE'];

/** The training form: defaults in plain fields, advanced options folded into a details element. */
export async function trainModelAction(previous: ActionState, formData: FormData): Promise<ActionState> {
  const modelId = formText(formData, 'modelId');
  const newModelName = formText(formData, 'newModelName').trim();
  const options: Record<string, unknown> = {};
  const text = (key: string) => formText(formData, key).trim();
  if (text('split')) options.split = text('split');
  if (text('idColumn')) options.idColumn = text('idColumn');
  if (text('classWeight')) options.classWeight = text('classWeight') === 'balanced' ? 'balanced' : Number(text('classWeight'));
  if (text('calibration')) options.calibration = text('calibration');
  if (text('encoding')) options.encoding = text('encoding');
  if (text('epochs')) options.epochs = Number(text('epochs'));
  if (text('trees')) options.trees = Number(text('trees'));
  if (text('monotone')) {
    options.monotone = Object.fromEntries(
      text('monotone')
        .split(',')
        .map((part) => part.split('=').map((s) => s.trim()))
        .map(([column, sign]) => [column, sign === '-1' ? -1 : 1]),
    );
  }
  if (text('warmStartVersionId')) options.warmStartVersionId = text('warmStartVersionId');
  const result = await callFromAction(TRAIN_MODEL, {
    input: {
      ...(modelId ? { modelId } : { newModel: { name: newModelName } }),
      datasetId: formText(formData, 'datasetId'),
      kind: formText(formData, 'kind'),
      target: text('target') || null,
      options,
    },
  });
  if (!result.ok) return refused(previous, formData, result);
  redirect(`/models/${result.data.trainModel.model.id}`);
}

export async function cancelTrainingAction(jobId: string, modelId: string): Promise<ActionState> {
  const result = await callFromAction(CANCEL_TRAINING, { id: jobId });
  revalidatePath(`/models/${modelId}`);
  return result.ok ? {} : { error: result.message };
}

/** Designates an approved version as the model's challenger (scored in shadow in later runs), or clears it (null). */
export async function setChallengerAction(modelId: string, versionId: string | null): Promise<ActionState> {
  const result = await callFromAction(SET_MODEL_CHALLENGER, { modelId, versionId });
  revalidatePath(`/models/${modelId}`);
  return result.ok ? {} : { error: result.message, ...(result.field ? { field: result.field } : {}) };
}

export async function transitionAction(versionId: string, previous: ActionState, formData: FormData): Promise<ActionState> {
  const action = formText(formData, 'action') as ModelVersionAction;
  if (!ACTIONS.includes(action)) return refused(previous, formData, { message: 'Unknown action.' });
  const comment = formText(formData, 'comment').trim();
  const result = await callFromAction(TRANSITION_VERSION, { id: versionId, action, comment: comment || null });
  if (!result.ok) return refused(previous, formData, result);
  revalidatePath(`/model-versions/${versionId}`);
  return {};
}
