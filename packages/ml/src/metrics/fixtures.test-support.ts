// Test-only helpers: load the reference answers made by scripts/metrics-fixtures.py.
import { readFileSync } from "node:fs";
import { expect } from "vitest";

const FIXTURE_DIR = new URL("../../test/fixtures/metrics/", import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture JSON is checked by the assertions
export function loadFixture(name: "distributions" | "portfolio" | "drift"): any {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURE_DIR), "utf8"));
}

/** The fixture script writes NaN as null and infinities as strings. */
export function fromJsonNumber(v: number | string | null): number {
  if (v === null) return Number.NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return v as number;
}

/** |actual - expected| <= rel * |expected| + abs */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-15): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected) + abs;
  if (!ok) expect.fail(`expected ${actual} to be within ${rel} (relative) of ${expected}`);
}
