/** Turns zod issues into InputProblems that name the entry (index and id) and the field. */
import type { z } from 'zod';
import type { InputProblem } from '../errors.ts';

function entryIdAt(input: unknown, index: number): string | undefined {
  if (!Array.isArray(input)) return undefined;
  const entry: unknown = input[index];
  if (entry && typeof entry === 'object' && 'id' in entry) {
    const id = (entry as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

function formatPath(root: string, path: PropertyKey[]): string {
  let out = root;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

function shown(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function expectedType(expected: string): string {
  if (expected === 'number') return 'a finite number';
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

export function zodProblems(error: z.ZodError, input: unknown, root: string): InputProblem[] {
  return error.issues.slice(0, 50).map((issue) => {
    const index = typeof issue.path[0] === 'number' ? issue.path[0] : undefined;
    const entryId = index === undefined ? undefined : entryIdAt(input, index);
    const field = issue.path.length > 0 ? String(issue.path[issue.path.length - 1]) : undefined;
    const received = (issue as { input?: unknown }).input;
    let message: string;
    if (issue.code === 'invalid_type' && received === undefined) message = 'is required';
    else if (issue.code === 'invalid_type') message = `must be ${expectedType(issue.expected)}, got ${shown(received)}`;
    else if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    else message = `${issue.message}, got ${shown(received)}`;
    return {
      path: formatPath(root, issue.path),
      ...(entryId !== undefined ? { entryId } : {}),
      ...(field !== undefined ? { field } : {}),
      message,
    };
  });
}
