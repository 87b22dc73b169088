// @probity/risk names the offending entry in a RiskInputError (path, the entry's id, the field);
// the API reports it like any other bad input: BAD_USER_INPUT with extensions.field = that path.
import { InputError } from '@probity/db';
import { RiskInputError } from '@probity/risk';

/** Runs a check of @probity/risk; its RiskInputError becomes an InputError naming the same entry. */
export function checked<T>(prefix: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RiskInputError)) throw error;
    const path = prefix ? `${prefix}.${error.path}` : error.path;
    const entry = error.entryId === undefined ? '' : `(id ${JSON.stringify(error.entryId)}) `;
    const first = error.problems[0]!;
    const more = error.problems.length > 1 ? ` (and ${error.problems.length - 1} more)` : '';
    throw new InputError(path, `${entry}${first.message}${more}`);
  }
}
