import { describe, expect, it } from 'vitest';
import { fieldFromApi, fieldMessage, formSnapshot, formValues } from './form-state.ts';

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

describe('formSnapshot', () => {
  it("keeps every text field as sent, and leaves out files and React's action fields", () => {
    const data = new FormData();
    data.set('split', 'mod7');
    data.set('comment', '');
    data.set('$ACTION_REF_1', '');
    data.set('$ACTION_1:0', '{"id":"x"}');
    data.set('file', new Blob(['a,b']), 'book.csv');
    expect(formSnapshot(data)).toEqual({ split: 'mod7', comment: '' });
  });
});

describe('fieldMessage', () => {
  it('drops the field path the API puts in front and capitalises', () => {
    expect(fieldMessage('input.lgd: must be at most 1', 'input.lgd')).toBe('Must be at most 1');
    expect(fieldMessage('A portfolio with this name exists', 'name')).toBe('A portfolio with this name exists');
  });
});
