import { describe, expect, it } from 'vitest';
import { cellName, formatCorrelation, modelFieldFromApi, parseModelForm } from './risk-model-form.ts';

const SECTORS = ['Energy', 'Healthcare', 'Retail'];

describe('the factor-model form', () => {
  it('builds a symmetric matrix with a unit diagonal from the pairs above the diagonal', () => {
    const form: Record<string, string> = { c_0_1: '0.3', c_0_2: ' -0.1 ', c_1_2: '0.45', r_1: '0.12', r_2: '', note: '  annual review ' };
    const parsed = parseModelForm(SECTORS, (name) => form[name] ?? '');
    expect(parsed).toEqual({
      ok: true,
      input: {
        sectors: SECTORS,
        correlation: [
          [1, 0.3, -0.1],
          [0.3, 1, 0.45],
          [-0.1, 0.45, 1],
        ],
        sectorAssetCorrelations: [{ sector: 'Healthcare', assetCorrelation: 0.12 }],
        note: 'annual review',
      },
    });
  });

  it('names every input that is empty or not a number', () => {
    const form: Record<string, string> = { c_0_1: 'abc', c_0_2: '', c_1_2: '0.2', r_0: '1/4' };
    expect(parseModelForm(SECTORS, (name) => form[name] ?? '')).toEqual({
      ok: false,
      errors: { c_0_1: 'Must be a number', c_0_2: 'Enter a correlation', r_0: 'Must be a number' },
    });
  });

  it('maps an API error path to the input it concerns', () => {
    expect(modelFieldFromApi('input.factorModel.correlation[2][0]', SECTORS)).toBe('c_0_2');
    expect(modelFieldFromApi('input.factorModel.correlation[0][2]', SECTORS)).toBe(cellName(2, 0));
    expect(modelFieldFromApi('input.factorModel.correlation', SECTORS)).toBe('correlation');
    expect(modelFieldFromApi('input.factorModel.correlation[1]', SECTORS)).toBe('correlation');
    expect(modelFieldFromApi('input.factorModel.correlation[1][1]', SECTORS)).toBe('correlation');
    expect(modelFieldFromApi('input.factorModel.sectorAssetCorrelation.Retail', SECTORS)).toBe('r_2');
    expect(modelFieldFromApi('input.factorModel.sectorAssetCorrelation.Unknown', SECTORS)).toBeUndefined();
    expect(modelFieldFromApi('version', SECTORS)).toBeUndefined();
    expect(modelFieldFromApi(undefined, SECTORS)).toBeUndefined();
  });

  it('shows matrix entries compactly', () => {
    expect(formatCorrelation(0.5)).toBe('0.5');
    expect(formatCorrelation(0.123456)).toBe('0.1235');
    expect(formatCorrelation(1)).toBe('1');
  });
});
