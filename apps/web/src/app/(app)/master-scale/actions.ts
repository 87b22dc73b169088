'use server';
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../api/load.ts';
import { UPDATE_MASTER_SCALE } from '../../../api/documents/models.ts';
import { formText } from '../../../lib/form-state.ts';

export interface ScaleState {
  error?: string;
  saved?: number;
}

/** One grade per line, "GRADE MAX_PD_PERCENT" (e.g. "BBB 0.6"), best grade first. */
export async function updateMasterScaleAction(_previous: ScaleState, formData: FormData): Promise<ScaleState> {
  const lines = formText(formData, 'grades')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const grades = [];
  for (const [i, line] of lines.entries()) {
    const match = /^(\S+)\s+([\d.]+)%?$/.exec(line);
    if (!match) return { error: `Line ${i + 1}: write the grade, a space, then its highest PD in percent (e.g. "BBB 0.6").` };
    grades.push({ grade: match[1]!, maxPd: Number(match[2]) / 100 });
  }
  const result = await callFromAction(UPDATE_MASTER_SCALE, { grades, comment: formText(formData, 'comment').trim() || null });
  if (!result.ok) return { error: result.message };
  revalidatePath('/master-scale');
  return { saved: result.data.updateMasterScale.version };
}
