import { describe, expect, it } from 'vitest';
import { changesFrom } from './what-if-changes.ts';

const score = {
  inputs: [
    { name: 'PAY_0', value: 2, text: null },
    { name: 'BILL_AMT1', value: 3000.5, text: null },
    { name: 'EDUCATION', value: null, text: 'university' },
    { name: 'AGE', value: null, text: null },
  ],
};

describe('changesFrom', () => {
  it('sends only the fields that differ from the current values, numbers as numbers and texts as texts', () => {
    expect(changesFrom({}, score)).toEqual([]);
    expect(changesFrom({ PAY_0: ' 2 ', BILL_AMT1: '3000.5', EDUCATION: 'university', AGE: '' }, score)).toEqual([]);
    expect(changesFrom({ PAY_0: '-1', EDUCATION: 'graduate school', AGE: '41', BILL_AMT1: '' }, score)).toEqual([
      { feature: 'PAY_0', value: -1, text: null },
      { feature: 'BILL_AMT1', value: null, text: null },
      { feature: 'EDUCATION', value: null, text: 'graduate school' },
      { feature: 'AGE', value: 41, text: null },
    ]);
  });

  it('refuses text in a numeric feature, naming it', () => {
    expect(changesFrom({ PAY_0: 'two' }, score)).toEqual({ error: 'Must be a number', feature: 'PAY_0' });
  });
});
