// Reasons in words for stored scores: a score keeps only its units' codes (places in its run's unit
// list, `scoring_runs.reason_units`) and their shares; the words are
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

/** A stored score's reasons: each code's unit in the run's list, its share, and its label. */
export function toContributions(
  codes: readonly number[] | null,
  values: readonly number[] | null,
  units: readonly string[] | null,
  labels: Record<string, string>,
): ScoreContribution[] {
  if (!codes || !values) return [];
  return codes.map((code, i) => {
    const feature = units?.[code];
    // A code outside the run's list is a broken record, not a reason to show under a made-up name.
    if (feature === undefined) throw new Error(`reason code ${code} is not in the run's unit list (${units?.length ?? 0} units)`);
    return { feature, contribution: values[i]!, reason: labels[feature] ?? feature };
  });
}
