// Errors the data-access layer raises for bad input. `field` names the argument at fault so the API can
// tell the caller exactly what to fix.
export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'InputError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly entity: string) {
    super(`${entity} not found`);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ConflictError';
  }
}

/**
 * An edit based on an older version than the one stored (optimistic concurrency): the caller re-reads
 * and reapplies its change, so it never undoes a save it did not see.
 */
export function staleVersionError(
  what: string,
  stored: { version: number; savedAt: Date | null },
  expectedVersion: number,
  plural = false,
): ConflictError {
  const saved = stored.savedAt ? ` (saved ${stored.savedAt.toISOString()})` : '';
  return new ConflictError(
    'expectedVersion',
    `the ${what} ${plural ? 'are' : 'is'} at version ${stored.version}${saved}, not the version ${expectedVersion} this change was based on; read ${plural ? 'them' : 'it'} again and reapply the change`,
  );
}

/** A statement ran past the Database's statement timeout and PostgreSQL cancelled it. */
export class QueryTimeoutError extends Error {
  constructor() {
    super('the query ran past its time limit: narrow the filter, ask for fewer rows or leave out totalCount');
    this.name = 'QueryTimeoutError';
  }
}

/** Too many wrong tries (a password change with a wrong current password): wait `retryAfterMs`. */
export class TooManyAttemptsError extends Error {
  constructor(
    readonly field: string,
    readonly retryAfterMs: number,
  ) {
    super(`${field}: too many wrong tries; try again in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = 'TooManyAttemptsError';
  }
}
