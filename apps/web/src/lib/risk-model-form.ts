// The factor-model editor's form: one input per sector pair above the diagonal (the matrix is
// symmetric with a unit diagonal, so those are all a risk officer can choose) and an optional asset
// correlation per sector. Parsing builds the RiskFactorModelInput; an API error's path
// (`input.factorModel.correlation[2][0]`) is mapped back to the input it concerns.

export const cellName = (i: number, j: number) => (i < j ? `c_${i}_${j}` : `c_${j}_${i}`);
export const assetCorrelationName = (i: number) => `r_${i}`;
/** The whole matrix (not positive semi-definite, wrong size): the error shows under the table. */
export const MATRIX_FIELD = 'correlation';

export interface RiskModelInput {
  sectors: string[];
  correlation: number[][];
  sectorAssetCorrelations: { sector: string; assetCorrelation: number }[];
  note: string | null;
}

export type ParsedModel = { ok: true; input: RiskModelInput } | { ok: false; errors: Record<string, string> };

function number(text: string): number | null {
  const trimmed = text.trim();
  return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : null;
}

/** Reads the form: every pair needs a number; an empty asset correlation means "Basel formula". */
export function parseModelForm(sectors: readonly string[], read: (name: string) => string): ParsedModel {
  const errors: Record<string, string> = {};
  const n = sectors.length;
  const correlation = sectors.map((_, i) => sectors.map((__, j) => (i === j ? 1 : Number.NaN)));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const name = cellName(i, j);
      const value = number(read(name));
      if (value === null) errors[name] = read(name).trim() === '' ? 'Enter a correlation' : 'Must be a number';
      else correlation[i]![j] = correlation[j]![i] = value;
    }
  }
  const sectorAssetCorrelations: RiskModelInput['sectorAssetCorrelations'] = [];
  sectors.forEach((sector, i) => {
    const text = read(assetCorrelationName(i));
    if (text.trim() === '') return;
    const value = number(text);
    if (value === null) errors[assetCorrelationName(i)] = 'Must be a number';
    else sectorAssetCorrelations.push({ sector, assetCorrelation: value });
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { sectors: [...sectors], correlation, sectorAssetCorrelations, note: read('note').trim() || null } };
}

/** The form field an API error names, or undefined when it concerns no one input. */
export function modelFieldFromApi(field: string | undefined, sectors: readonly string[]): string | undefined {
  if (!field) return undefined;
  const cell = /correlation\[(\d+)\]\[(\d+)\]$/.exec(field);
  if (cell) {
    const [i, j] = [Number(cell[1]), Number(cell[2])];
    return i === j ? MATRIX_FIELD : cellName(i, j);
  }
  if (/correlation(\[\d+\])?$/.test(field) || /sectors(\[\d+\])?$/.test(field)) return MATRIX_FIELD;
  const asset = /sectorAssetCorrelations?\.(.+)$/.exec(field);
  if (asset) {
    const index = sectors.indexOf(asset[1]!);
    return index >= 0 ? assetCorrelationName(index) : undefined;
  }
  if (field.endsWith('note')) return 'note';
  return undefined;
}

/** A matrix entry as the inputs show it: up to 4 decimals, no trailing zeros. */
export function formatCorrelation(value: number): string {
  return String(Number(value.toFixed(4)));
}
