import { describe, expect, it } from 'vitest';
import { fieldFromApi, fieldMessage, formValues } from './form-state.ts';

describe('fieldFromApi', () => {
  it('maps API field paths to form field names', () => {
    expect(fieldFromApi('input.ead')).toBe('ead');
    expect(fieldFromApi('lgd')).toBe('lgd');
    expect(fieldFromApi('input/maturityDate')).toBe('maturityDate');
    expect(fieldFromApi(undefined)).toBeUndefined();
    expect(fieldFromApi('')).toBeUndefined();
  });
});

describe('formValues', () => {
  it('reads the named fields as strings, empty when absent', () => {
    const data = new FormData();
    data.set('name', 'Book A');
    expect(formValues(data, ['name', 'description'])).toEqual({ name: 'Book A', description: '' });
  });
});

describe('fieldMessage', () => {
  it('drops the field path the API puts in front and capitalises', () => {
    expect(fieldMessage('input.lgd: must be at most 1', 'input.lgd')).toBe('Must be at most 1');
    expect(fieldMessage('A portfolio with this name exists', 'name')).toBe('A portfolio with this name exists');
  });
});
