// One batch scorer per model version for the life of a worker process, and one ModelScorer (the
// single-row scorer with full explanations) per version for on-demand scoring in the API: the model
// file is read and parsed once per version, not per batch or request. Versions are immutable, so
// entries never go stale (their status can change: callers check it, not the cache).
import { getModelVersionFile, type Database, type ModelVersion, type TenantScope } from '@probity/db';
import { ModelScorer, parseModel, tableScorer, type ModelFile, type TableScorer } from '@probity/ml';
import { monitoringReference, type MonitoringReference } from './monitoring/reference.ts';
import { DEFAULT_BATCH_SIZE } from './request-run.ts';

/**
 * The scorer's own batch: half a run batch, so a run batch is two scorer batches (the scorer encodes
 * one while its threads explain the other) and the trees' TreeSHAP threads each get blocks of 2,500
 * rows, not packages/ml's 4,096 (a run batch of 10,000 as 4,096 + 4,096 + 1,808: blocks of 2,048 and
 * 904). A block pays a fixed cost per tree (its answers brought into the cache): on one thread, the
 * Taiwan champion, 2.65 to 2.77 µs a row in blocks of 2,500 against 3.25 to 3.41 in the 2,048, 2,048,
 * 904 sequence (median of six alternating passes each, two runs, 2026-12-06).
 */
const SCORER_BATCH_SIZE = DEFAULT_BATCH_SIZE / 2;

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
      const scorer = tableScorer(model, { threads: this.options.threads ?? 1, batchSize: SCORER_BATCH_SIZE });
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
