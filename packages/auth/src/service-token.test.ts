import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { signServiceToken, verifyServiceToken } from './service-token.ts';

const secret = 'a'.repeat(40);
const claims = { userId: '0190f1c2-0000-7000-8000-000000000001', organizationId: '0190f1c2-0000-7000-8000-000000000002' };

describe('service tokens', () => {
  it('round-trips the user and organization', async () => {
    expect(await verifyServiceToken(await signServiceToken(claims, secret), secret)).toEqual(claims);
  });

  it('rejects a token signed with another secret, a tampered one and an expired one', async () => {
    const token = await signServiceToken(claims, secret);
    expect(await verifyServiceToken(token, 'b'.repeat(40))).toBeNull();
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), org: 'other' })).toString(
      'base64url',
    );
    expect(await verifyServiceToken(`${h}.${forged}.${s}`, secret)).toBeNull();
    const expired = await new SignJWT({ org: claims.organizationId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('probity-web')
      .setAudience('probity-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expect(await verifyServiceToken(expired, secret)).toBeNull();
  });

  it('refuses a weak secret', async () => {
    await expect(signServiceToken(claims, 'short')).rejects.toThrow(/at least 32/);
  });
});
