/**
 * Human labels for reason codes: a map from column (or group unit) to words, from the caller's JSON
 * file when given; anything unlabelled keeps its column name, and group units say they are a history.
 */
import { readFile } from 'node:fs/promises';
import type { FeatureUnit } from '../pipeline/types.ts';

export function defaultLabel(unit: FeatureUnit): string {
  return unit.columns.length > 1 && unit.name.includes('..') ? `history of ${unit.name}` : unit.name;
}

export function resolveLabels(units: FeatureUnit[], given: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const unit of units) labels[unit.name] = given[unit.name] ?? defaultLabel(unit);
  return labels;
}

export async function readLabelsFile(path: string): Promise<Record<string, string>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read labels file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new Error(`labels file ${path} must hold a JSON object {"COLUMN": "label"}`);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (typeof value !== 'string') throw new Error(`labels file ${path}: the label of "${key}" must be a string`);
    labels[key] = value;
  }
  return labels;
}
