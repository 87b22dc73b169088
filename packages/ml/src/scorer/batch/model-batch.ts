/**
 * The scorer's core for one batch of rows of any model kind: the pipeline encodes the rows, the
 * logistic and deep parts run through their SIMD kernels, fusion and calibration give the log-odds
 * and PDs, and (when asked) contributions per explanation unit on the scale of the explained
 * quantity. `ModelScorer` (synchronous, one thread) and `BatchScorer` (asynchronous, worker threads)
 * are both thin layers over it, so they give the same numbers.
 */
import { calibratedLogit } from '../../calibration/apply.ts';
import type { Table } from '../../data/table.ts';
import type { DeepDataset } from '../../deep/types.ts';
import { batchScorerFor } from '../../deep/scorer.ts';
import { DeepBatchScorer, type DeepBatchExplanation } from '../../deep/wasm/deep-batch.ts';
import { logisticContributor, unitIndex, type LogisticContributor, type UnitIndex } from '../../explain/logistic-contributions.ts';
import { fusedLogit } from '../../fusion/stack.ts';
import { designLogits, designScores } from '../../logistic/logits.ts';
import type { ModelFile } from '../../model-file/types.ts';
import { buildDeepDataset } from '../../pipeline/deep-dataset.ts';
import { buildDesign, designLayout, type DesignLayout, type DesignMatrix } from '../../pipeline/design-matrix.ts';
import { sigmoid } from '../../util/logistic-math.ts';

export interface ModelBatchOptions {
  /** Rows per pass of the deep kernels. Default 4,096. */
  batchSize?: number;
  /** Threads for the deep part (this one included). Default 1. */
  threads?: number;
}

export interface EncodedBatch {
  n: number;
  design?: DesignMatrix;
  deep?: DeepDataset;
}

/** The deep part of a batch: logits, and Integrated Gradients when explaining. */
export interface DeepPart {
  logits: Float64Array;
  explanation: DeepBatchExplanation | null;
}

export interface BatchExplanations {
  /** rows x units, row-major: each unit's contribution to the explained quantity. */
  contributions: Float64Array;
  /** The explained quantity per row (calibrated log-odds, or the raw log-odds under isotonic calibration). */
  explained: Float64Array;
  quantity: string;
  /** The explained quantity at the baseline (the same for every row). */
  baseline: number;
  /** |explained - baseline - sum(contributions)| per row. */
  gap: Float64Array;
  /** Gauss-Legendre nodes used per row (deep and fusion models). */
  deepSteps: Int32Array | null;
}

export interface BatchScores {
  n: number;
  pd: Float64Array;
  /** Final calibrated (and anchored) log-odds. */
  logit: Float64Array;
  /**
   * Raw log-odds of the parts of a deep or fusion model, or of a logistic model calibrated by
   * isotonic regression. (Platt scaling and anchoring are folded into a logistic model's coefficients,
   * so its PDs come out of one SIMD pass and no raw log-odds are kept.)
   */
  parts: { logistic?: Float64Array; deep?: Float64Array };
  explanations: BatchExplanations | null;
}

export class ModelBatch {
  readonly model: ModelFile;
  readonly units: UnitIndex;
  private readonly layout: DesignLayout | null;
  private readonly coefficients: Float64Array | null;
  /** Logistic model with a linear calibration (Platt or none, plus anchor) folded into its coefficients. */
  private readonly folded: { coefficients: Float64Array; intercept: number } | null;
  private readonly deep: DeepBatchScorer | null;
  /** The explanation unit of each deep feature. */
  private readonly deepUnits: Int32Array | null;
  private contributor: LogisticContributor | null = null;

  constructor(model: ModelFile, options: ModelBatchOptions = {}) {
    this.model = model;
    this.units = unitIndex(model.pipeline.units.map((u) => u.name));
    this.layout = model.logistic ? designLayout(model.pipeline) : null;
    this.coefficients = model.logistic ? Float64Array.from(model.logistic.coefficients) : null;
    const { calibration, anchor } = model;
    if (model.kind === 'logistic' && calibration.method !== 'isotonic') {
      const a = calibration.method === 'platt' ? calibration.a : 1;
      const b = (calibration.method === 'platt' ? calibration.b : 0) + (anchor ? anchor.shift : 0);
      this.folded = { coefficients: this.coefficients!.map((c) => a * c), intercept: a * model.logistic!.intercept + b };
    } else {
      this.folded = null;
    }
    const shared = options.batchSize === undefined && (options.threads ?? 1) === 1;
    // One thread at the default batch size: the scorer cached for this model state (weights packed once).
    this.deep =
      model.kind === 'logistic'
        ? null
        : shared
          ? batchScorerFor(model.deep!)
          : new DeepBatchScorer(model.deep!, { batchSize: options.batchSize, threads: options.threads });
    this.deepUnits = this.deep
      ? Int32Array.from(this.deep.features, (name) => {
          const u = this.units.index.get(name);
          if (u === undefined) throw new Error(`deep attribution for unknown feature "${name}"`);
          return u;
        })
      : null;
  }

  /** Columns the model reads; a scoring table must have each (values may be missing). */
  get requiredColumns(): string[] {
    return this.model.pipeline.columns;
  }

  checkColumns(table: Table): void {
    const present = new Set(table.columns.map((c) => c.name));
    const missing = this.requiredColumns.filter((c) => !present.has(c));
    if (missing.length > 0) throw new Error(`the data lacks column(s) the model needs: ${missing.join(', ')}`);
  }

  /** The model's inputs for every row of the table, or the given rows (output i is table row rows[i]). */
  encode(table: Table, rows?: Int32Array): EncodedBatch {
    this.checkColumns(table);
    const kind = this.model.kind;
    const out: EncodedBatch = { n: rows ? rows.length : table.rowCount };
    if (kind !== 'deep') out.design = buildDesign(this.model.pipeline, table, this.layout!, rows);
    if (kind !== 'logistic') out.deep = buildDeepDataset(this.model.pipeline, table, { rows });
    return out;
  }

  /** The deep part on this thread (`tolerance`: Integrated Gradients' completeness gap, when explaining). */
  deepPart(batch: EncodedBatch, explain: boolean, tolerance?: number): DeepPart | null {
    if (!this.deep || !batch.deep) return null;
    if (!explain) return { logits: this.deep.logits(batch.deep), explanation: null };
    const explanation = this.deep.explain(batch.deep, tolerance);
    return { logits: explanation.logit, explanation };
  }

  /**
   * The deep part on the worker threads (at most `batchSize` rows). It resolves later: encode and
   * submit the next batch meanwhile, so that the workers never wait for this thread.
   */
  submitDeep(batch: EncodedBatch, explain: boolean, tolerance?: number): Promise<DeepPart | null> {
    if (!this.deep || !batch.deep) return Promise.resolve(null);
    return this.deep.submit(batch.deep, { explain, tolerance }).then((e) => ({ logits: e.logit, explanation: explain ? e : null }));
  }

  private rawLogit(logistic: number, deep: number): number {
    const { kind, fusion } = this.model;
    if (kind === 'logistic') return logistic;
    if (kind === 'deep') return deep;
    return fusedLogit(fusion!, logistic, deep);
  }

  /** Log-odds, PDs and (with `explain`, given a deep part that explained) contributions. */
  finish(batch: EncodedBatch, deep: DeepPart | null, explain: boolean): BatchScores {
    const n = batch.n;
    let scores: BatchScores;
    if (this.folded) {
      scores = { n, ...designScores(batch.design!, this.folded.coefficients, this.folded.intercept), parts: {}, explanations: null };
    } else {
      const parts: BatchScores['parts'] = {};
      if (batch.design) parts.logistic = designLogits(batch.design, this.coefficients!, this.model.logistic!.intercept);
      if (deep) parts.deep = deep.logits;
      const logit = new Float64Array(n);
      const pd = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        logit[i] = calibratedLogit(
          this.model.calibration,
          this.model.anchor,
          this.rawLogit(parts.logistic?.[i] ?? 0, parts.deep?.[i] ?? 0),
        );
        pd[i] = sigmoid(logit[i]!);
      }
      scores = { n, pd, logit, parts, explanations: null };
    }
    if (explain) scores.explanations = this.explanations(batch, scores, deep);
    return scores;
  }

  private explanations(batch: EncodedBatch, scores: BatchScores, deep: DeepPart | null): BatchExplanations {
    const { kind, fusion, calibration, anchor } = this.model;
    const n = batch.n;
    const k = this.units.names.length;
    const contributions = new Float64Array(n * k);
    let rawBaseline = 0;
    let logisticWeight = 0;
    let deepWeight = 0;
    if (kind === 'logistic') logisticWeight = 1;
    else if (kind === 'deep') deepWeight = 1;
    else {
      logisticWeight = fusion!.logisticWeight;
      deepWeight = fusion!.deepWeight;
      rawBaseline = fusion!.intercept;
    }
    if (batch.design) {
      this.contributor ??= logisticContributor(this.model.logistic!, this.layout!, this.units);
      this.contributor.rows(batch.design, contributions);
      if (logisticWeight !== 1) for (let i = 0; i < contributions.length; i++) contributions[i]! *= logisticWeight;
      rawBaseline += logisticWeight * this.contributor.baseline;
    }
    const ig = deep?.explanation ?? null;
    if (batch.deep) {
      if (!ig) throw new Error('explaining a deep or fusion model needs the deep part explained');
      const F = this.deepUnits!.length;
      for (let r = 0; r < n; r++)
        for (let j = 0; j < F; j++) contributions[r * k + this.deepUnits![j]!]! += deepWeight * ig.attributions[r * F + j]!;
      rawBaseline += deepWeight * this.deep!.baselineLogit;
    }
    // The raw log-odds each row's contributions explain (before calibration).
    const raw = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      if (kind === 'logistic') {
        // Exactly the baseline plus the contributions.
        let sum = rawBaseline;
        for (let u = 0; u < k; u++) sum += contributions[r * k + u]!;
        raw[r] = sum;
      } else {
        raw[r] = this.rawLogit(scores.parts.logistic?.[r] ?? 0, scores.parts.deep![r]!);
      }
    }
    let baseline = rawBaseline;
    let quantity = 'calibrated log-odds of default';
    let explained = scores.logit;
    const shift = anchor ? anchor.shift : 0;
    if (calibration.method === 'platt') {
      // Platt is linear in the log-odds, so scaling keeps the contributions exact.
      for (let i = 0; i < contributions.length; i++) contributions[i]! *= calibration.a;
      baseline = calibration.a * baseline + calibration.b + shift;
    } else if (calibration.method === 'none') {
      baseline += shift;
    } else {
      quantity = 'model log-odds before isotonic calibration (monotone, not additive)';
      explained = raw;
    }
    const gap = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let u = 0; u < k; u++) sum += contributions[r * k + u]!;
      gap[r] = Math.abs(explained[r]! - baseline - sum);
    }
    return { contributions, explained, quantity, baseline, gap, deepSteps: ig ? ig.steps : null };
  }

  /** How the contributions of a row were computed, in words. */
  method(steps: number): string {
    const nodes = `Integrated Gradients, ${steps} Gauss-Legendre nodes`;
    if (this.model.kind === 'logistic') return 'exact logistic contributions';
    if (this.model.kind === 'deep') return nodes;
    return `stacking weights applied to exact logistic contributions and deep ${nodes}`;
  }

  /** Stops the deep part's worker threads, if any started. */
  async close(): Promise<void> {
    await this.deep?.close();
  }
}
