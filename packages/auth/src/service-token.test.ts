import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { SERVICE_TOKEN_MAX_AGE_SECONDS, signServiceToken, verifyServiceToken } from './service-token.ts';

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

  // Regression (issue 7, L6): tokens without exp, or with a ten-year one, were accepted.
  it('requires exp and iat, and refuses a lifetime or an age over the maximum', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = (build: (jwt: SignJWT) => SignJWT) =>
      build(
        new SignJWT({ org: claims.organizationId })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject(claims.userId)
          .setIssuer('probity-web')
          .setAudience('probity-api'),
      ).sign(new TextEncoder().encode(secret));
    const refused = {
      'no exp': await token((jwt) => jwt.setIssuedAt(now)),
      'no iat': await token((jwt) => jwt.setExpirationTime(now + 60)),
      'ten years': await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + 10 * 365 * 86_400)),
      'issued long ago, exp ahead': await token((jwt) => jwt.setIssuedAt(now - 3600).setExpirationTime(now + 60)),
      'issued in the future': await token((jwt) => jwt.setIssuedAt(now + 600).setExpirationTime(now + 660)),
    };
    for (const [label, jwt] of Object.entries(refused)) expect(await verifyServiceToken(jwt, secret), label).toBeNull();
    expect(
      await verifyServiceToken(await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + SERVICE_TOKEN_MAX_AGE_SECONDS)), secret),
    ).toEqual(claims);
    await expect(signServiceToken(claims, secret, 3600)).rejects.toThrow(/at most/);
  });

  it('refuses a weak secret', async () => {
    await expect(signServiceToken(claims, 'short')).rejects.toThrow(/at least 32/);
  });
});
