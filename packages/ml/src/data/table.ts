/**
 * Columnar storage for a loan file: one growable Float64Array per column for the cells that parse as
 * numbers, plus dictionary-coded text only for columns that actually hold text. A 1M-row numeric file
 * therefore costs 8 bytes a cell and the CSV text is never held whole.
 */
import { canonicalNumber, DEFAULT_MISSING_TOKENS, parseNumberCell } from './number-cell.ts';
import { columnList } from './column-list.ts';

export interface RawColumn {
  name: string;
  /** Parsed number per row; NaN when the cell is missing or holds text. */
  numbers: Float64Array;
  /** Per row: index into `texts` for cells holding non-numeric text, else -1. Null if no such cell. */
  textCodes: Int32Array | null;
  /** Distinct non-numeric texts, in order of first appearance. */
  texts: string[];
  /** How many cells are missing (empty or a missing token). */
  missingCount: number;
}

export interface Table {
  rowCount: number;
  columns: RawColumn[];
}

export function findColumn(table: Table, name: string): RawColumn | undefined {
  return table.columns.find((column) => column.name === name);
}

export function requireColumn(table: Table, name: string): RawColumn {
  const column = findColumn(table, name);
  if (!column) {
    const known = columnList(table.columns.map((c) => c.name));
    throw new Error(`column "${name}" is not in the data (columns: ${known})`);
  }
  return column;
}

export function isMissingCell(column: RawColumn, row: number): boolean {
  return Number.isNaN(column.numbers[row] ?? Number.NaN) && (column.textCodes === null || (column.textCodes[row] ?? -1) < 0);
}

/** The cell as a categorical level: its text, or the canonical text of its number; null if missing. */
export function cellLevel(column: RawColumn, row: number): string | null {
  const code = column.textCodes === null ? -1 : (column.textCodes[row] ?? -1);
  if (code >= 0) return column.texts[code] ?? null;
  const value = column.numbers[row] ?? Number.NaN;
  return Number.isNaN(value) ? null : canonicalNumber(value);
}

/** The cell as a display value (for explanations and reports). */
export function cellValue(column: RawColumn, row: number): string | number | null {
  const code = column.textCodes === null ? -1 : (column.textCodes[row] ?? -1);
  if (code >= 0) return column.texts[code] ?? null;
  const value = column.numbers[row] ?? Number.NaN;
  return Number.isNaN(value) ? null : value;
}

export interface CellParsing {
  decimalComma: boolean;
  missingTokens: ReadonlySet<string>;
}

export function defaultCellParsing(decimalComma = false): CellParsing {
  return { decimalComma, missingTokens: new Set(DEFAULT_MISSING_TOKENS) };
}

/** Appends cells to one column, growing its arrays geometrically. */
export class ColumnBuilder {
  readonly name: string;
  private numbers: Float64Array;
  private textCodes: Int32Array | null = null;
  private readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private length = 0;
  private missingCount = 0;

  /** `textOnly`: keep every cell as its text (identifiers such as "007", which a number would lose). */
  constructor(
    name: string,
    initialCapacity = 1024,
    private readonly textOnly = false,
  ) {
    this.name = name;
    this.numbers = new Float64Array(initialCapacity);
  }

  get rowCount(): number {
    return this.length;
  }

  /** Bytes of the arrays held now. */
  get bytes(): number {
    return this.numbers.byteLength + (this.textCodes ? this.textCodes.byteLength : 0);
  }

  private grow(): void {
    const capacity = this.numbers.length * 2;
    const numbers = new Float64Array(capacity);
    numbers.set(this.numbers);
    this.numbers = numbers;
    if (this.textCodes) {
      const codes = new Int32Array(capacity).fill(-1);
      codes.set(this.textCodes);
      this.textCodes = codes;
    }
  }

  push(raw: string | number | null | undefined, parsing: CellParsing): void {
    if (this.length === this.numbers.length) this.grow();
    const row = this.length++;
    if (typeof raw === 'number') {
      this.numbers[row] = Number.isFinite(raw) ? raw : Number.NaN;
      if (!Number.isFinite(raw)) this.missingCount++;
      return;
    }
    const text = raw == null ? '' : raw.trim();
    if (text.length === 0 || parsing.missingTokens.has(text)) {
      this.numbers[row] = Number.NaN;
      this.missingCount++;
      return;
    }
    const value = this.textOnly ? Number.NaN : parseNumberCell(text, parsing.decimalComma);
    this.numbers[row] = value;
    if (!Number.isNaN(value)) return;
    if (!this.textCodes) this.textCodes = new Int32Array(this.numbers.length).fill(-1);
    let code = this.textIndex.get(text);
    if (code === undefined) {
      code = this.texts.length;
      this.texts.push(text);
      this.textIndex.set(text, code);
    }
    this.textCodes[row] = code;
  }

  finish(): RawColumn {
    return {
      name: this.name,
      numbers: this.numbers.subarray(0, this.length),
      textCodes: this.textCodes ? this.textCodes.subarray(0, this.length) : null,
      texts: this.texts,
      missingCount: this.missingCount,
    };
  }
}

/** Builds a table from in-memory records (single-row scoring, tests, the platform's JSON input). */
export function tableFromRecords(
  records: readonly Record<string, string | number | null | undefined>[],
  columnNames?: readonly string[],
  parsing: CellParsing = defaultCellParsing(),
): Table {
  const names = columnNames ?? [...new Set(records.flatMap((record) => Object.keys(record)))];
  const builders = names.map((name) => new ColumnBuilder(name, Math.max(1, records.length)));
  for (const record of records) {
    for (const builder of builders) builder.push(record[builder.name], parsing);
  }
  return { rowCount: records.length, columns: builders.map((b) => b.finish()) };
}
