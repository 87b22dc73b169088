// The result a server action hands back to its form: a general message and per-field messages, plus
// the submitted values so nothing typed is lost when the form shows an error.

export interface FormState {
  status: 'idle' | 'error' | 'success';
  message?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
}

export const initialFormState: FormState = { status: 'idle', fieldErrors: {}, values: {} };

/** The form field an API error names: `input.ead`, `ead` and `input/ead` all mean the `ead` field. */
export function fieldFromApi(field: string | undefined): string | undefined {
  if (!field) return undefined;
  const last = field.split(/[./]/).filter(Boolean).at(-1);
  return last || undefined;
}

/** A text field's value; a missing field (or a file upload where text was expected) reads as empty. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

export function formValues(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, formText(formData, name)]));
}

/** Every text field the form sent (React's own `$ACTION_…` fields left out), to show again after an error. */
export function formSnapshot(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  formData.forEach((value, key) => {
    if (typeof value === 'string' && !key.startsWith('$')) values[key] = value;
  });
  return values;
}

/** The API says "input.lgd: must be at most 1"; beside the LGD input, "Must be at most 1" is enough. */
export function fieldMessage(message: string, apiField: string | undefined): string {
  const text = apiField && message.startsWith(`${apiField}: `) ? message.slice(apiField.length + 2) : message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
