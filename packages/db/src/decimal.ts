// Money and ratios are exact decimals end to end: parsed from strings, stored as NUMERIC.
import { Prisma } from './generated/prisma/client.ts';
import { InputError } from './errors.ts';

export interface DecimalRule {
  min?: number;
  max?: number;
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

export const MONEY: DecimalRule = { min: 0, max: 1e16, scale: 2 };
export const FRACTION: DecimalRule = { min: 0, max: 1, scale: 4 };
