/**
 * The lean scorer: a model file in, PDs and explanations out, for every model family (through the
 * family interface of ../families). Typed arrays only; nothing here (or below) imports TensorFlow.js,
 * so the API and workers can load it cheaply.
 */
import { cellValue, requireColumn, tableFromRecords, type Table } from '../data/table.ts';
import { describeRows, RowList, type ValidationIssue } from '../data/validation-report.ts';
import { reasonCodes } from '../explain/reason-codes.ts';
import { compileModel } from '../families/registry.ts';
import type { CompiledModel, FamilyKind } from '../families/types.ts';
import type { ModelFile } from '../model-file/types.ts';
import { encodeLevels } from '../pipeline/categorical-levels.ts';
import { CODE_OTHER } from '../pipeline/types.ts';
import { calibrateExplanation, calibrateScores } from './calibrated.ts';
import type { CellValue, Contribution, Explanation } from './explanation-types.ts';

export interface ScoreOutput {
  pd: Float64Array;
  /** Final calibrated (and anchored) log-odds. */
  logit: Float64Array;
  /**
   * Raw log-odds of the model, or of each member of a fusion. Empty for a logistic model with Platt
   * scaling or no calibration: those are folded into its coefficients, so its PDs come out of one
   * SIMD pass and no raw log-odds are kept.
   */
  parts: Partial<Record<FamilyKind, Float64Array>>;
}

export interface ExplainOptions {
  /** Reason codes per row. */
  reasons?: number;
  /** Completeness tolerance for the deep model's Integrated Gradients. */
  deepTolerance?: number;
}

/** Throws, naming them, when the table lacks columns the model reads (their values may be missing). */
export function checkColumns(model: ModelFile, table: Table): void {
  const present = new Set(table.columns.map((c) => c.name));
  const missing = model.pipeline.columns.filter((c) => !present.has(c));
  if (missing.length > 0) throw new Error(`the data lacks column(s) the model needs: ${missing.join(', ')}`);
}

/** The value(s) of each explanation unit in a table's rows: its column, or the columns of its group. */
export function unitValues(model: ModelFile, table: Table): (unit: number, row: number) => CellValue | CellValue[] {
  const units = model.pipeline.units.map((spec) => ({
    columns: spec.columns.map((name) => requireColumn(table, name)),
    single: spec.columns.length === 1 && spec.name === spec.columns[0],
  }));
  return (unit, row) => {
    const { columns, single } = units[unit]!;
    return single ? cellValue(columns[0]!, row) : columns.map((column) => cellValue(column, row));
  };
}

/**
 * Categorical values the model did not keep (new since training, or too rare then): they are
 * scored with the shared "other" level, which is worth telling whoever reads the scores.
 */
export function unseenLevels(model: ModelFile, table: Table): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const input of model.pipeline.categorical) {
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

export class ModelScorer {
  readonly model: ModelFile;
  /** The model's family scorer: encode rows into its batch, then raw log-odds and contributions. */
  readonly compiled: CompiledModel;
  /** An affine calibration (Platt or none, plus anchor) the family folds into its own pass. */
  private readonly affine: { a: number; b: number } | null;

  constructor(model: ModelFile) {
    this.model = model;
    this.compiled = compileModel(model.model, model.pipeline);
    const { calibration, anchor } = model;
    if (this.compiled.scoreAffine && calibration.method !== 'isotonic') {
      const a = calibration.method === 'platt' ? calibration.a : 1;
      const b = (calibration.method === 'platt' ? calibration.b : 0) + (anchor ? anchor.shift : 0);
      this.affine = { a, b };
    } else {
      this.affine = null;
    }
  }

  /** Columns the model reads; a scoring table must have each (values may be missing). */
  get requiredColumns(): string[] {
    return this.model.pipeline.columns;
  }

  checkColumns(table: Table): void {
    checkColumns(this.model, table);
  }

  /** The family's encoding of the table's rows (all, or the given ones): what scoreEncoded reads. */
  encode(table: Table, rows?: Int32Array): unknown {
    this.checkColumns(table);
    return this.compiled.encode(table, rows);
  }

  /** Scores every row of the table, or the given rows (output i is table row rows[i]). */
  score(table: Table, rows?: Int32Array): ScoreOutput {
    return this.scoreEncoded(this.encode(table, rows));
  }

  /** Scores an encoded batch: raw log-odds, then calibration and anchor. */
  scoreEncoded(batch: unknown): ScoreOutput {
    if (this.affine) return { ...this.compiled.scoreAffine!(batch, this.affine.a, this.affine.b), parts: {} };
    const { raw, parts } = this.compiled.logits(batch);
    return { ...calibrateScores(this.model, raw), parts };
  }

  /** Categorical values the model did not keep, per column (see `unseenLevels`). */
  unseenLevels(table: Table): ValidationIssue[] {
    return unseenLevels(this.model, table);
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

  /** Explanations of the given rows (0-based) of a table; only those rows are encoded. */
  explain(table: Table, rows: ArrayLike<number>, options: ExplainOptions = {}): Explanation[] {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      if (!(Number.isInteger(row) && row >= 0 && row < table.rowCount))
        throw new Error(`row ${row} is outside the data (0..${table.rowCount - 1})`);
    }
    const selection = Int32Array.from(rows);
    const batch = this.encode(table, selection);
    const scored = this.scoreEncoded(batch);
    const explained = this.compiled.explain(batch, { deepTolerance: options.deepTolerance });
    const { contributions, explained: value, quantity, baseline, gap } = calibrateExplanation(this.model, scored.logit, explained);
    const k = this.model.pipeline.units.length;
    const valueOf = unitValues(this.model, table);
    const out: Explanation[] = [];
    // r indexes the encoded selection; row is the table row it came from.
    for (let r = 0; r < selection.length; r++) {
      const row = selection[r]!;
      const items: Contribution[] = this.model.pipeline.units.map(({ name }, u) => ({
        feature: name,
        label: this.model.labels[name] ?? name,
        value: valueOf(u, row),
        contribution: contributions[r * k + u]!,
      }));
      items.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      out.push({
        row,
        pd: scored.pd[r]!,
        logit: scored.logit[r]!,
        explained: { quantity, value: value[r]! },
        baseline: { logit: baseline, description: explained.baselineDescription },
        contributions: items,
        gap: gap[r]!,
        method: explained.methods[r]!,
        reasons: reasonCodes(items, options.reasons ?? 3),
      });
    }
    return out;
  }
}
