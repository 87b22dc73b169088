import { describe, expect, it } from 'vitest';
import { isPublicPath, safeCallbackPath, signInRedirectPath } from './paths.ts';

describe('isPublicPath', () => {
  it('lets the sign-in page and next-auth endpoints through, nothing else', () => {
    expect(isPublicPath('/signin')).toBe(true);
    expect(isPublicPath('/api/auth/callback/credentials')).toBe(true);
    expect(isPublicPath('/signinx')).toBe(false);
    expect(isPublicPath('/portfolios')).toBe(false);
    expect(isPublicPath('/api/authx')).toBe(false);
  });
});

describe('safeCallbackPath', () => {
  it('keeps local paths with their query', () => {
    expect(safeCallbackPath('/portfolios/p1/exposures?segment=SME')).toBe('/portfolios/p1/exposures?segment=SME');
  });
  it('refuses anything that could leave the site', () => {
    for (const target of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', undefined, null]) {
      expect(safeCallbackPath(target)).toBe('/portfolios');
    }
  });
  it('never sends a signed-in user back to the sign-in page', () => {
    expect(safeCallbackPath('/signin?callbackUrl=/x')).toBe('/portfolios');
  });
});

describe('signInRedirectPath', () => {
  it('carries where the user was going', () => {
    expect(signInRedirectPath('/audit?action=x')).toBe('/signin?callbackUrl=%2Faudit%3Faction%3Dx');
    expect(signInRedirectPath('/portfolios')).toBe('/signin');
  });
});
