/**
 * The lean scorer: a model file in, PDs and explanations out, for every model kind. Typed arrays only;
 * nothing here (or below) imports TensorFlow.js, so the API and workers can load it cheaply.
 */
import { calibratedLogit } from '../calibration/apply.ts';
import { cellValue, requireColumn, tableFromRecords, type Table } from '../data/table.ts';
import { describeRows, RowList, type ValidationIssue } from '../data/validation-report.ts';
import { encodeLevels } from '../pipeline/categorical-levels.ts';
import { CODE_OTHER } from '../pipeline/types.ts';
import { createDeepExplainer, deepLogits, type DeepDataset, type DeepExplainer, type DeepExplanation } from '../deep/lean.ts';
import { logisticContributor, unitIndex, type LogisticContributor, type UnitIndex } from '../explain/logistic-contributions.ts';
import { reasonCodes } from '../explain/reason-codes.ts';
import { fusedLogit } from '../fusion/stack.ts';
import { designLogits, designScores } from '../logistic/logits.ts';
import type { ModelFile } from '../model-file/types.ts';
import { buildDeepDataset } from '../pipeline/deep-dataset.ts';
import { buildDesign, designLayout, type DesignLayout, type DesignMatrix } from '../pipeline/design-matrix.ts';
import { sigmoid } from '../util/logistic-math.ts';
import type { CellValue, Contribution, Explanation } from './explanation-types.ts';

export interface ScoreOutput {
  pd: Float64Array;
  /** Final calibrated (and anchored) log-odds. */
  logit: Float64Array;
  /**
   * Raw log-odds of the parts of a deep or fusion model, or of a logistic model calibrated by
   * isotonic regression. (Platt scaling and anchoring are folded into a logistic model's coefficients,
   * so its PDs come out of one SIMD pass and no raw log-odds are kept.)
   */
  parts: { logistic?: Float64Array; deep?: Float64Array };
}

export interface ExplainOptions {
  /** Reason codes per row. */
  reasons?: number;
  /** Completeness tolerance for the deep model's Integrated Gradients. */
  deepTolerance?: number;
}

interface Inputs {
  design?: DesignMatrix;
  deep?: DeepDataset;
}

export class ModelScorer {
  readonly model: ModelFile;
  private readonly layout: DesignLayout | null;
  private readonly coefficients: Float64Array | null;
  private readonly units: UnitIndex;
  /** Logistic model with a linear calibration (Platt or none, plus anchor) folded into its coefficients. */
  private readonly folded: { coefficients: Float64Array; intercept: number } | null;
  private contributor: LogisticContributor | null = null;
  private explainer: DeepExplainer | null = null;

  constructor(model: ModelFile) {
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

  private inputs(table: Table, rows?: Int32Array): Inputs {
    this.checkColumns(table);
    const kind = this.model.kind;
    const out: Inputs = {};
    if (kind !== 'deep') out.design = buildDesign(this.model.pipeline, table, this.layout!, rows);
    if (kind !== 'logistic') out.deep = buildDeepDataset(this.model.pipeline, table, { rows });
    return out;
  }

  private rawLogit(logistic: number, deep: number): number {
    const { kind, fusion } = this.model;
    if (kind === 'logistic') return logistic;
    if (kind === 'deep') return deep;
    return fusedLogit(fusion!, logistic, deep);
  }

  /** Scores every row of the table, or the given rows (output i is table row rows[i]). */
  score(table: Table, rows?: Int32Array): ScoreOutput {
    return this.scoreInputs(this.inputs(table, rows), rows ? rows.length : table.rowCount);
  }

  private scoreInputs(inputs: Inputs, n: number): ScoreOutput {
    if (this.folded) return { ...designScores(inputs.design!, this.folded.coefficients, this.folded.intercept), parts: {} };
    const parts: ScoreOutput['parts'] = {};
    if (inputs.design) parts.logistic = designLogits(inputs.design, this.coefficients!, this.model.logistic!.intercept);
    if (inputs.deep) parts.deep = deepLogits(this.model.deep!, inputs.deep);
    const logit = new Float64Array(n);
    const pd = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const raw = this.rawLogit(parts.logistic?.[i] ?? 0, parts.deep?.[i] ?? 0);
      logit[i] = calibratedLogit(this.model.calibration, this.model.anchor, raw);
      pd[i] = sigmoid(logit[i]!);
    }
    return { pd, logit, parts };
  }

  private unitValue(table: Table, unit: number, row: number): CellValue | CellValue[] {
    const spec = this.model.pipeline.units[unit]!;
    const values = spec.columns.map((name) => cellValue(requireColumn(table, name), row));
    return spec.columns.length === 1 && spec.name === spec.columns[0] ? values[0]! : values;
  }

  /**
   * Categorical values the model did not keep (new since training, or too rare then): they are
   * scored with the shared "other" level, which is worth telling whoever reads the scores.
   */
  unseenLevels(table: Table): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const input of this.model.pipeline.categorical) {
      const column = requireColumn(table, input.column);
      const codes = encodeLevels(input, column, table.rowCount);
      const rows = new RowList();
      const examples = new Set<string>();
      codes.forEach((code, row) => {
        if (code !== CODE_OTHER) return;
        rows.add(row + 1);
        if (examples.size < 3) examples.add(String(cellValue(column, row)));
      });
      if (rows.count === 0) continue;
      issues.push({
        severity: 'warning',
        code: 'unseen-level',
        column: input.column,
        rows: rows.rows,
        count: rows.count,
        message: `column "${input.column}" has values the model did not keep (${[...examples].map((e) => JSON.stringify(e)).join(', ')}) in ${describeRows(rows.rows, rows.count)}; they are scored as the rare/other level`,
      });
    }
    return issues;
  }

  /**
   * Single-row entry point: a record of raw values (strings as read from a file, or numbers; absent
   * or null means missing), scored and explained exactly as a row of a file would be.
   */
  scoreRecord(
    record: Record<string, string | number | null | undefined>,
    options: ExplainOptions & { explain?: boolean } = {},
  ): { pd: number; logit: number; explanation: Explanation | null } {
    const table = tableFromRecords([record], this.requiredColumns);
    const scored = this.score(table);
    const explanation = options.explain === false ? null : this.explain(table, [0], options)[0]!;
    return { pd: scored.pd[0]!, logit: scored.logit[0]!, explanation };
  }

  /** Contributions per unit on the kind's raw log-odds scale, and the baseline there, for row i of the encoded inputs. */
  private rawExplanation(i: number, scored: ScoreOutput, design: DesignMatrix | undefined, deep: DeepExplanation | undefined) {
    const k = this.units.names.length;
    const logistic = design ? this.contributor!.row(design, i) : null;
    const deepVector = new Float64Array(k);
    for (const [name, value] of Object.entries(deep?.attributions ?? {})) {
      const u = this.units.index.get(name);
      if (u === undefined) throw new Error(`deep attribution for unknown feature "${name}"`);
      deepVector[u] = value;
    }
    const { kind, fusion } = this.model;
    if (kind === 'logistic') {
      // The raw log-odds is exactly the baseline plus the contributions.
      let raw = this.contributor!.baseline;
      for (const c of logistic!) raw += c;
      return { contributions: logistic!, baseline: this.contributor!.baseline, raw, method: 'exact logistic contributions' };
    }
    const nodes = `Integrated Gradients, ${deep!.steps} Gauss-Legendre nodes`;
    if (kind === 'deep') return { contributions: deepVector, baseline: deep!.baselineLogit, raw: scored.parts.deep![i]!, method: nodes };
    const f = fusion!;
    const contributions = new Float64Array(k);
    for (let u = 0; u < k; u++) contributions[u] = f.logisticWeight * logistic![u]! + f.deepWeight * deepVector[u]!;
    return {
      contributions,
      baseline: f.intercept + f.logisticWeight * this.contributor!.baseline + f.deepWeight * deep!.baselineLogit,
      raw: fusedLogit(f, scored.parts.logistic![i]!, scored.parts.deep![i]!),
      method: `stacking weights applied to exact logistic contributions and deep ${nodes}`,
    };
  }

  /** Explanations of the given rows (0-based) of a table; only those rows are encoded. */
  explain(table: Table, rows: ArrayLike<number>, options: ExplainOptions = {}): Explanation[] {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (!(Number.isInteger(row) && row >= 0 && row < table.rowCount))
        throw new Error(`row ${row} is outside the data (0..${table.rowCount - 1})`);
    }
    const selection = Int32Array.from(rows);
    const inputs = this.inputs(table, selection);
    const { calibration, anchor } = this.model;
    const scored = this.scoreInputs(inputs, selection.length);
    if (inputs.design && !this.contributor) this.contributor = logisticContributor(this.model.logistic!, this.layout!, this.units);
    if (inputs.deep && !this.explainer)
      this.explainer = createDeepExplainer(this.model.deep!, { tolerance: options.deepTolerance ?? 1e-4 });
    const deepExplanations = inputs.deep ? this.explainer!.explainDataset(inputs.deep) : [];
    const out: Explanation[] = [];
    // r indexes the encoded selection; row is the table row it came from.
    for (let r = 0; r < selection.length; r++) {
      const row = selection[r]!;
      const { contributions, baseline: rawBaseline, raw, method } = this.rawExplanation(r, scored, inputs.design, deepExplanations[r]);
      let baseline = rawBaseline;
      let quantity = 'calibrated log-odds of default';
      let explainedValue = scored.logit[r]!;
      const shift = anchor ? anchor.shift : 0;
      if (calibration.method === 'platt') {
        // Platt is linear in the log-odds, so scaling keeps the contributions exact.
        for (let u = 0; u < contributions.length; u++) contributions[u]! *= calibration.a;
        baseline = calibration.a * baseline + calibration.b + shift;
      } else if (calibration.method === 'none') {
        baseline += shift;
      } else {
        quantity = 'model log-odds before isotonic calibration (monotone, not additive)';
        explainedValue = raw;
      }
      let sum = 0;
      for (const c of contributions) sum += c;
      const items: Contribution[] = this.units.names.map((name, u) => ({
        feature: name,
        label: this.model.labels[name] ?? name,
        value: this.unitValue(table, u, row),
        contribution: contributions[u]!,
      }));
      items.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      out.push({
        row,
        pd: scored.pd[r]!,
        logit: scored.logit[r]!,
        explained: { quantity, value: explainedValue },
        baseline: { logit: baseline, description: 'log-odds at the training means of the model inputs' },
        contributions: items,
        gap: Math.abs(explainedValue - baseline - sum),
        method,
        reasons: reasonCodes(items, options.reasons ?? 3),
      });
    }
    return out;
  }
}
