// One batch scorer per model version for the life of a worker process, and one ModelScorer (the
// single-row scorer with full explanations) per version for on-demand scoring in the API: the model
// file is read and parsed once per version, not per batch or request. Versions are immutable, so
// entries never go stale (their status can change: callers check it, not the cache).
import { getModelVersionFile, type Database, type ModelVersion, type TenantScope } from '@probity/db';
import { ModelScorer, parseModel, tableScorer, type ModelFile, type TableScorer } from '@probity/ml';
import { monitoringReference, type MonitoringReference } from './monitoring/reference.ts';

export interface LoadedScorer {
  version: ModelVersion;
  /** A BatchScorer, on a thread of its own where the family has none (see @probity/ml's tableScorer). */
  scorer: TableScorer;
  /** The training population the batches count their PDs and inputs against (monitoring). */
  reference: MonitoringReference;
}

export interface LoadedExplainer {
  version: ModelVersion;
  scorer: ModelScorer;
}

function memo<T>(entries: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let entry = entries.get(key);
  if (!entry) {
    entry = load();
    entry.catch(() => entries.delete(key));
    entries.set(key, entry);
  }
  return entry;
}

export class ScorerCache {
  private readonly files = new Map<string, Promise<{ version: ModelVersion; model: ModelFile }>>();
  private readonly entries = new Map<string, Promise<LoadedScorer>>();
  private readonly explainers = new Map<string, Promise<LoadedExplainer>>();

  constructor(private readonly options: { threads?: number } = {}) {}

  private file(db: Database, scope: TenantScope, versionId: string) {
    return memo(this.files, versionId, async () => {
      const file = await getModelVersionFile(db, scope, versionId);
      return { version: file.version, model: parseModel(file.modelFileJson) };
    });
  }

  get(db: Database, scope: TenantScope, versionId: string): Promise<LoadedScorer> {
    return memo(this.entries, versionId, async () => {
      const { version, model } = await this.file(db, scope, versionId);
      const scorer = tableScorer(model, { threads: this.options.threads ?? 1 });
      // Its threads up before the first batch (a thread loads the model's code in most of a second of
      // CPU, which the first batch would wait for, beside the reads of the batches in flight); a thread
      // that cannot start fails the load, which the next batch then retries.
      try {
        await scorer.warm();
      } catch (error) {
        await scorer.close();
        throw error;
      }
      return { version, scorer, reference: monitoringReference(version.validationReport) };
    });
  }

  explainer(db: Database, scope: TenantScope, versionId: string): Promise<LoadedExplainer> {
    return memo(this.explainers, versionId, async () => {
      const { version, model } = await this.file(db, scope, versionId);
      return { version, scorer: new ModelScorer(model) };
    });
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    this.explainers.clear();
    this.files.clear();
    await Promise.all(all.map(async (entry) => (await entry.catch(() => null))?.scorer.close()));
  }
}
