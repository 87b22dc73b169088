// Money and ratios are exact decimals end to end: parsed from strings, stored as NUMERIC, handed out
// as strings with a fixed number of places. Prisma's Decimal is used inside this package only.
import { Prisma } from './generated/prisma/client.ts';
import { InputError } from './errors.ts';
import type { DecimalString } from './domain/values.ts';

export interface DecimalRule {
  min?: number;
  /** A string where a number would lose digits (9999999999999999.99 is not a float). */
  max?: number | string;
  /** Most digits after the decimal point the column stores. */
  scale: number;
}

export function parseDecimal(field: string, value: string | number, rule: DecimalRule): Prisma.Decimal {
  const text = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new InputError(field, `"${text}" is not a decimal number`);
  const decimal = new Prisma.Decimal(text);
  if (decimal.decimalPlaces() > rule.scale) throw new InputError(field, `at most ${rule.scale} decimal places`);
  if (rule.min !== undefined && decimal.lessThan(rule.min)) throw new InputError(field, `must be at least ${rule.min}`);
  if (rule.max !== undefined && decimal.greaterThan(rule.max)) throw new InputError(field, `must be at most ${rule.max}`);
  return decimal;
}

// The largest value a decimal(18,2) column holds: 1e16 itself would overflow it.
export const MONEY: DecimalRule = { min: 0, max: '9999999999999999.99', scale: 2 };
export const FRACTION: DecimalRule = { min: 0, max: 1, scale: 4 };
/** A probability as the exposures table stores it (decimal(7,6)): PDs go down to a few basis points. */
export const PROBABILITY: DecimalRule = { min: 0, max: 1, scale: 6 };

/** Places of every ratio the data layer derives (utilisation, shares). */
export const RATIO_SCALE = 6;

type DecimalLike = Prisma.Decimal | string | number;

// Enough significant digits that no quotient of two NUMERIC(20,2) values is rounded before RATIO_SCALE.
const Wide = Prisma.Decimal.clone({ precision: 50 });

/** The value with exactly `scale` places ("1000" with scale 2 is "1000.00"). */
export function fixed(value: DecimalLike, scale: number): DecimalString {
  return new Prisma.Decimal(value).toFixed(scale);
}

export const money = (value: DecimalLike): DecimalString => fixed(value, MONEY.scale);

/** part / whole rounded half-even to RATIO_SCALE places; null when whole is 0. */
export function ratio(part: DecimalLike, whole: DecimalLike): DecimalString | null {
  const divisor = new Wide(String(whole));
  if (divisor.isZero()) return null;
  return new Wide(String(part)).div(divisor).toDecimalPlaces(RATIO_SCALE, Wide.ROUND_HALF_EVEN).toFixed(RATIO_SCALE);
}
