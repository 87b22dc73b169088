import { describe, expect, it } from 'vitest';
import { auditChanges, entityHref } from './audit-diff.ts';

describe('auditChanges', () => {
  it('lists only fields whose value changed, ignoring ids and timestamps', () => {
    const before = { id: 'e1', ead: '1000.00', status: 'PERFORMING', lgd: '0.45', updatedAt: 'a' };
    const after = { id: 'e1', ead: '1500.00', status: 'PERFORMING', lgd: '0.45', updatedAt: 'b' };
    expect(auditChanges(before, after)).toEqual([{ field: 'ead', before: '1000.00', after: '1500.00' }]);
  });
  it('shows every field of a creation', () => {
    expect(auditChanges(null, { id: 'p1', name: 'Book', baseCurrency: 'EUR', createdAt: '2026-01-01' })).toEqual([
      { field: 'name', before: '—', after: 'Book' },
      { field: 'baseCurrency', before: '—', after: 'EUR' },
    ]);
  });
  it('shows cleared values and nested values readably', () => {
    expect(auditChanges({ maturityDate: '2030-01-01', scopes: ['READ'] }, { maturityDate: null, scopes: ['READ', 'WRITE'] })).toEqual([
      { field: 'maturityDate', before: '2030-01-01', after: 'empty' },
      { field: 'scopes', before: '["READ"]', after: '["READ","WRITE"]' },
    ]);
  });
});

describe('entityHref', () => {
  it('links entities that have a page and nothing else', () => {
    expect(entityHref('Exposure', 'e1')).toBe('/exposures/e1');
    expect(entityHref('ApiKey', 'k1')).toBe('/settings/api-keys');
    expect(entityHref('Membership', 'm1')).toBeNull();
  });
});
