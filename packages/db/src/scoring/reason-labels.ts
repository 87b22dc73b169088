// Reasons in words for stored scores: a score keeps only the explanation units' names; the words are
// the model version's labels (or the name itself), read from its file once per version per process
// (versions are immutable, so an entry never goes stale).
import type { Database } from '../client.ts';
import type { ScoreContribution } from '../domain/scoring.ts';
import { getModelVersionFile } from '../repositories/model-files.ts';
import type { TenantScope } from '../scope.ts';

const labelsByVersion = new Map<string, Promise<Record<string, string>>>();

function labelsOf(db: Database, scope: TenantScope, versionId: string): Promise<Record<string, string>> {
  let entry = labelsByVersion.get(versionId);
  if (!entry) {
    entry = getModelVersionFile(db, scope, versionId).then(
      ({ modelFileJson }) => (JSON.parse(modelFileJson) as { labels?: Record<string, string> }).labels ?? {},
    );
    entry.catch(() => labelsByVersion.delete(versionId));
    labelsByVersion.set(versionId, entry);
  }
  return entry;
}

/** Each version's labels, for the versions named (one file read per version not seen before). */
export async function reasonLabels(
  db: Database,
  scope: TenantScope,
  versionIds: Iterable<string>,
): Promise<Map<string, Record<string, string>>> {
  const ids = [...new Set(versionIds)];
  const labels = await Promise.all(ids.map((id) => labelsOf(db, scope, id)));
  return new Map(ids.map((id, i) => [id, labels[i]!]));
}

export function toContributions(
  features: readonly string[] | null,
  values: readonly number[] | null,
  labels: Record<string, string>,
): ScoreContribution[] {
  if (!features || !values) return [];
  return features.map((feature, i) => ({ feature, contribution: values[i]!, reason: labels[feature] ?? feature }));
}
