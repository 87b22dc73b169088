// One BatchScorer per model version for the life of a worker process: loading and compiling a model
// file (and starting its threads) once, not per batch. Versions are immutable, so entries never go stale.
import { getModelVersionFile, type Database, type ModelVersion, type TenantScope } from '@probity/db';
import { BatchScorer, parseModel } from '@probity/ml';
import { monitoringReference, type MonitoringReference } from './monitoring/reference.ts';

export interface LoadedScorer {
  version: ModelVersion;
  scorer: BatchScorer;
  /** The training population the batches count their PDs and inputs against (monitoring). */
  reference: MonitoringReference;
}

export class ScorerCache {
  private readonly entries = new Map<string, Promise<LoadedScorer>>();

  constructor(private readonly options: { threads?: number } = {}) {}

  get(db: Database, scope: TenantScope, versionId: string): Promise<LoadedScorer> {
    let entry = this.entries.get(versionId);
    if (!entry) {
      entry = (async () => {
        const file = await getModelVersionFile(db, scope, versionId);
        return {
          version: file.version,
          scorer: new BatchScorer(parseModel(file.modelFileJson), { threads: this.options.threads ?? 1 }),
          reference: monitoringReference(file.version.validationReport),
        };
      })();
      entry.catch(() => this.entries.delete(versionId));
      this.entries.set(versionId, entry);
    }
    return entry;
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map(async (entry) => (await entry.catch(() => null))?.scorer.close()));
  }
}
