/**
 * The one error type for bad input. `path` points at the offending entry the way a caller can
 * find it (`exposures[12].pd`), `entryId` is the entry's own id when it has one, and `field` is
 * the field name, so a message reads `exposures[12] (id "L-0042").pd: must be in [0, 1], got 1.2`.
 * When several entries are wrong, the first is in the message and all (up to 50) in `problems`.
 */
export interface InputProblem {
  path: string;
  entryId?: string;
  field?: string;
  message: string;
}

export class RiskInputError extends Error {
  override readonly name = 'RiskInputError';
  readonly path: string;
  readonly entryId: string | undefined;
  readonly field: string | undefined;
  readonly problems: InputProblem[];

  constructor(problems: InputProblem | InputProblem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    const first = list[0];
    if (!first) throw new Error('RiskInputError needs at least one problem');
    const more = list.length > 1 ? ` (and ${list.length - 1} more problem${list.length > 2 ? 's' : ''})` : '';
    super(`${describe(first)}${more}`);
    this.path = first.path;
    this.entryId = first.entryId;
    this.field = first.field;
    this.problems = list;
  }
}

function describe(problem: InputProblem): string {
  const entry = problem.entryId === undefined ? '' : ` (id ${JSON.stringify(problem.entryId)})`;
  return `${problem.path}${entry}: ${problem.message}`;
}

/** Throws one RiskInputError for one problem. */
export function inputError(path: string, message: string, options: { entryId?: string; field?: string } = {}): never {
  throw new RiskInputError({ path, message, ...options });
}
