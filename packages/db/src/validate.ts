// Checks every value from a caller goes through before it reaches SQL, each naming the field at fault:
// text without NUL or other control characters and within its length, real calendar days, instants
// PostgreSQL can store, ids that are UUIDs. A value that fails is the caller's mistake (InputError,
// BAD_USER_INPUT in the API), never a database error.
import { InputError } from './errors.ts';
import { isUuid } from './ids.ts';
import { DATE_RANGE, INSTANT_RANGE } from './domain/limits.ts';

// C0 controls except tab, line feed and carriage return (which a description may hold), plus DEL.
// PostgreSQL refuses NUL outright; the others have no place in names or filters.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK = /[\n\r\t]/;

export interface TextRule {
  max: number;
  /** Shortest allowed after trimming (default 0: blank becomes null through `optionalText`). */
  min?: number;
  /** Line breaks and tabs allowed (free text such as a description). */
  multiline?: boolean;
}

/** The trimmed text, or an InputError naming `field`. */
export function text(field: string, value: string, rule: TextRule): string {
  if (typeof value !== 'string') throw new InputError(field, 'must be a string');
  if (CONTROL.test(value) || (!rule.multiline && LINE_BREAK.test(value)))
    throw new InputError(field, 'must not contain control characters');
  const trimmed = value.trim();
  const min = rule.min ?? 0;
  if (trimmed.length < min || trimmed.length > rule.max) {
    throw new InputError(field, min > 0 ? `must be ${min} to ${rule.max} characters` : `must be at most ${rule.max} characters`);
  }
  return trimmed;
}

/** Like `text`, with null/undefined/blank meaning "not given" (null). */
export function optionalText(field: string, value: string | null | undefined, rule: TextRule): string | null {
  if (value == null) return null;
  return text(field, value, { ...rule, min: 0 }) || null;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day as a UTC midnight Date. Refuses days that do not exist (2026-02-31 would otherwise
 * roll over to March) and years outside DATE_RANGE (PostgreSQL has no year 0000).
 */
export function parseLocalDate(field: string, value: string): Date {
  const match = typeof value === 'string' ? LOCAL_DATE.exec(value) : null;
  if (!match) throw new InputError(field, 'must be a date as YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new InputError(field, `${value} is not a day of the calendar`);
  }
  if (value < DATE_RANGE.min || value > DATE_RANGE.max)
    throw new InputError(field, `must be between ${DATE_RANGE.min} and ${DATE_RANGE.max}`);
  return date;
}

/** An instant within INSTANT_RANGE (a JavaScript Date can hold years PostgreSQL cannot). */
export function checkInstant(field: string, value: Date): Date {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new InputError(field, 'is not a valid date-time');
  if (time < Date.parse(INSTANT_RANGE.min) || time > Date.parse(INSTANT_RANGE.max)) {
    throw new InputError(field, `must be between ${INSTANT_RANGE.min} and ${INSTANT_RANGE.max}`);
  }
  return value;
}

/** An id that must be a UUID (a filter on a uuid column); anything else names the field. */
export function uuid(field: string, value: string): string {
  if (typeof value !== 'string' || !isUuid(value)) throw new InputError(field, 'is not a valid id');
  return value.toLowerCase();
}
