import { describe, expect, it } from 'vitest';
import { sessionUserFromToken } from './session-user.ts';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);
const token = {
  userId: 'u1',
  email: 'a@b.example',
  name: 'Ada',
  organizationId: 'o1',
  organizationName: 'Demo Bank',
  role: 'ADMIN',
  signedInAt: now / 1000 - 60,
  sessionId: '0199a000-0000-7000-8000-000000000001',
};

describe('sessionUserFromToken', () => {
  it('reads a complete, fresh token', () => {
    expect(sessionUserFromToken(token, now, 3600)).toEqual(token);
  });
  it('ends the session after its absolute lifetime however recently it was used', () => {
    expect(sessionUserFromToken({ ...token, signedInAt: now / 1000 - 3600 }, now, 3600)).toBeNull();
  });
  it('rejects tokens without the claims a session needs, or with an unknown role', () => {
    expect(sessionUserFromToken(null, now, 3600)).toBeNull();
    expect(sessionUserFromToken({ ...token, organizationId: undefined }, now, 3600)).toBeNull();
    expect(sessionUserFromToken({ ...token, role: 'ROOT' }, now, 3600)).toBeNull();
    expect(sessionUserFromToken({ ...token, signedInAt: '0' }, now, 3600)).toBeNull();
    expect(sessionUserFromToken({ ...token, sessionId: undefined }, now, 3600)).toBeNull();
  });
});
