/** Command-line flags: parsed with node:util's parseArgs, then checked with messages naming the flag. */
import { parseArgs } from 'node:util';
import type { HeaderMode } from '../data/header-row.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseFlags<T extends FlagSpec>(argv: string[], spec: T): Record<string, string | string[] | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function requireString(flags: Record<string, unknown>, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`--${name} is required`);
  return value;
}

export function optionalString(flags: Record<string, unknown>, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** --header auto|yes|no (default auto: a file without a header row, as the Statlog files, reads with columns 1..N). */
export function headerFlag(flags: Record<string, unknown>): HeaderMode {
  const value = optionalString(flags, 'header') ?? 'auto';
  if (value !== 'auto' && value !== 'yes' && value !== 'no') {
    throw new UsageError(`--header must be auto, yes or no, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function list(flags: Record<string, unknown>, name: string): string[] | undefined {
  const value = optionalString(flags, name);
  return value === undefined
    ? undefined
    : value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

export function optionalNumber(
  flags: Record<string, unknown>,
  name: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  const value = optionalString(flags, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${expected}, got ${JSON.stringify(value)}`);
  return n;
}

export function oneOf<T extends string>(flags: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const value = optionalString(flags, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}
