import { describe, expect, it } from 'vitest';
import { formVersion, isStaleVersion } from './stale-version.ts';

describe('formVersion', () => {
  it('reads the version the form was opened on, and nothing from an absent or garbled field', () => {
    const form = (value?: string) => {
      const data = new FormData();
      if (value !== undefined) data.set('expectedVersion', value);
      return data;
    };
    expect(formVersion(form('3'))).toBe(3);
    expect(formVersion(form('0'))).toBe(0);
    expect(formVersion(form(' 12 '))).toBe(12);
    expect(formVersion(form())).toBeNull();
    expect(formVersion(form(''))).toBeNull();
    expect(formVersion(form('-1'))).toBeNull();
    expect(formVersion(form('2.5'))).toBeNull();
  });
});

describe('isStaleVersion', () => {
  it('is the API refusing a save on an older version, and no other conflict', () => {
    expect(isStaleVersion({ code: 'CONFLICT', field: 'expectedVersion' })).toBe(true);
    expect(isStaleVersion({ code: 'CONFLICT', field: 'name' })).toBe(false);
    expect(isStaleVersion({ code: 'BAD_USER_INPUT', field: 'expectedVersion' })).toBe(false);
  });
});
