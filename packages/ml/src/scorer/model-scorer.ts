/**
 * The lean scorer: a model file in, PDs and explanations out, for every model kind, on this thread.
 * Typed arrays and SIMD WebAssembly only; nothing here (or below) imports TensorFlow.js. It is a thin
 * synchronous layer over the batch core (batch/model-batch.ts), which `BatchScorer` also uses with
 * worker threads for large batches.
 */
import { cellValue, requireColumn, tableFromRecords, type Table } from '../data/table.ts';
import { describeRows, RowList, type ValidationIssue } from '../data/validation-report.ts';
import { encodeLevels } from '../pipeline/categorical-levels.ts';
import { CODE_OTHER } from '../pipeline/types.ts';
import { reasonCodes } from '../explain/reason-codes.ts';
import type { ModelFile } from '../model-file/types.ts';
import type { CellValue, Contribution, Explanation } from './explanation-types.ts';
import { ModelBatch, type BatchScores } from './batch/model-batch.ts';

export interface ScoreOutput {
  pd: Float64Array;
  /** Final calibrated (and anchored) log-odds. */
  logit: Float64Array;
  /**
   * Raw log-odds of the parts of a deep or fusion model, or of a logistic model calibrated by
   * isotonic regression. (Platt scaling and anchoring are folded into a logistic model's coefficients,
   * so its PDs come out of one SIMD pass and no raw log-odds are kept.)
   */
  parts: BatchScores['parts'];
}

export interface ExplainOptions {
  /** Reason codes per row. */
  reasons?: number;
  /** Completeness tolerance for the deep model's Integrated Gradients. */
  deepTolerance?: number;
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
  private readonly core: ModelBatch;

  constructor(model: ModelFile) {
    this.model = model;
    this.core = new ModelBatch(model);
  }

  /** Columns the model reads; a scoring table must have each (values may be missing). */
  get requiredColumns(): string[] {
    return this.core.requiredColumns;
  }

  checkColumns(table: Table): void {
    this.core.checkColumns(table);
  }

  /** Scores every row of the table, or the given rows (output i is table row rows[i]). */
  score(table: Table, rows?: Int32Array): ScoreOutput {
    const batch = this.core.encode(table, rows);
    const { pd, logit, parts } = this.core.finish(batch, this.core.deepPart(batch, false), false);
    return { pd, logit, parts };
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
    const batch = this.core.encode(table, selection);
    const scored = this.core.finish(batch, this.core.deepPart(batch, true, options.deepTolerance ?? 1e-4), true);
    const { contributions, explained, quantity, baseline, gap, deepSteps } = scored.explanations!;
    const units = this.core.units.names;
    const k = units.length;
    const valueOf = unitValues(this.model, table);
    const out: Explanation[] = [];
    // r indexes the encoded selection; row is the table row it came from.
    for (let r = 0; r < selection.length; r++) {
      const row = selection[r]!;
      const items: Contribution[] = units.map((name, u) => ({
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
        explained: { quantity, value: explained[r]! },
        baseline: { logit: baseline, description: 'log-odds at the training means of the model inputs' },
        contributions: items,
        gap: gap[r]!,
        method: this.core.method(deepSteps ? deepSteps[r]! : 0),
        reasons: reasonCodes(items, options.reasons ?? 3),
      });
    }
    return out;
  }
}
