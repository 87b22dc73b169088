'use server';
import { revalidatePath } from 'next/cache';
import { callFromAction } from '../../../api/load.ts';
import { UPDATE_MASTER_SCALE } from '../../../api/documents/models.ts';
import { formText } from '../../../lib/form-state.ts';
import { formVersion, isStaleVersion } from '../../../lib/stale-version.ts';

export interface ScaleState {
  error?: string;
  saved?: number;
  /** What was typed, kept when the save is refused (the grades only for a mistake in them). */
  typed?: { grades?: string; comment: string };
}

/** One grade per line, "GRADE MAX_PD_PERCENT" (e.g. "BBB 0.6"), best grade first. */
export async function updateMasterScaleAction(_previous: ScaleState, formData: FormData): Promise<ScaleState> {
  const typed = { grades: formText(formData, 'grades'), comment: formText(formData, 'comment') };
  const expectedVersion = formVersion(formData);
  const lines = typed.grades
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const grades = [];
  for (const [i, line] of lines.entries()) {
    const match = /^(\S+)\s+([\d.]+)%?$/.exec(line);
    if (!match) return { error: `Line ${i + 1}: write the grade, a space, then its highest PD in percent (e.g. "BBB 0.6").`, typed };
    grades.push({ grade: match[1]!, maxPd: Number(match[2]) / 100 });
  }
  const result = await callFromAction(UPDATE_MASTER_SCALE, { grades, comment: typed.comment.trim() || null, expectedVersion });
  if (!result.ok) {
    if (isStaleVersion(result)) {
      // The page now shows the version in force; the form's grades start from it.
      revalidatePath('/master-scale');
      return {
        error: `Someone saved a new version after you opened version ${expectedVersion}. Nothing was saved: the table and the form now show the version in force; apply your change again.`,
        typed: { comment: typed.comment },
      };
    }
    return { error: result.message, typed };
  }
  revalidatePath('/master-scale');
  return { saved: result.data.updateMasterScale.version };
}
