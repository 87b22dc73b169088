import { describe, expect, it } from 'vitest';
import { can, roleForKey, roleForScopes } from './roles.ts';

describe('roles', () => {
  it('orders VIEWER < ANALYST < RISK_OFFICER < ADMIN', () => {
    expect(can('VIEWER', 'read')).toBe(true);
    expect(can('VIEWER', 'exposure:write')).toBe(false);
    expect(can('ANALYST', 'exposure:write')).toBe(true);
    expect(can('ANALYST', 'portfolio:write')).toBe(false);
    expect(can('RISK_OFFICER', 'audit:read')).toBe(true);
    expect(can('RISK_OFFICER', 'apiKey:manage')).toBe(false);
    expect(can('ADMIN', 'apiKey:manage')).toBe(true);
  });

  it('maps API key scopes to the highest role they grant', () => {
    expect(roleForScopes(['READ'])).toBe('VIEWER');
    expect(roleForScopes(['READ', 'WRITE'])).toBe('ANALYST');
    expect(roleForScopes(['ADMIN'])).toBe('ADMIN');
    expect(roleForScopes([])).toBeNull();
  });

  it("caps a key at its creator's role, and leaves a key with no creator to its scopes", () => {
    expect(roleForKey(['ADMIN'], 'ANALYST')).toBe('ANALYST');
    expect(roleForKey(['READ'], 'ADMIN')).toBe('VIEWER');
    expect(roleForKey(['WRITE'], 'ANALYST')).toBe('ANALYST');
    expect(roleForKey(['ADMIN'], null)).toBe('ADMIN');
    expect(roleForKey([], 'ADMIN')).toBeNull();
  });
});
