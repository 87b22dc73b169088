// The what-if form's fields as changes: only fields whose text differs from the value the model read
// now; empty means missing; a numeric feature must get a number, a categorical one keeps its text.

export type Change = { feature: string; value: number | null; text: string | null };
export type ModelInput = { name: string; value: number | null; text: string | null };

export function currentText(input: ModelInput): string {
  return input.text ?? (input.value === null ? '' : String(input.value));
}

/** The fields whose text differs from the current value, as changes (empty: missing). */
export function changesFrom(
  values: Record<string, string>,
  score: { inputs: ModelInput[] },
): Change[] | { error: string; feature: string } {
  const changes: Change[] = [];
  for (const input of score.inputs) {
    const typed = (values[input.name] ?? currentText(input)).trim();
    if (typed === currentText(input)) continue;
    if (typed === '') changes.push({ feature: input.name, value: null, text: null });
    else if (input.text !== null || !Number.isFinite(Number(typed))) {
      if (input.text === null) return { error: 'Must be a number', feature: input.name };
      changes.push({ feature: input.name, value: null, text: typed });
    } else changes.push({ feature: input.name, value: Number(typed), text: null });
  }
  return changes;
}
