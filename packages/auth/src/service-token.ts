// Short-lived tokens the web server mints for each call it makes to the API on a signed-in user's
// behalf. The browser never holds them (nor any API key). HS256 with a secret shared by web and API.
import { SignJWT, jwtVerify, errors } from 'jose';

const ISSUER = 'probity-web';
const AUDIENCE = 'probity-api';
export const SERVICE_TOKEN_TTL_SECONDS = 60;
/**
 * The oldest token the API accepts, whatever its `exp` says: a token must carry `iat` and `exp`, and
 * one issued longer ago than this (or minted with a ten-year lifetime) is refused. A little above the
 * TTL, for clock skew between the web and API hosts.
 */
export const SERVICE_TOKEN_MAX_AGE_SECONDS = 120;
const CLOCK_TOLERANCE_SECONDS = 5;

export interface ServiceTokenClaims {
  userId: string;
  organizationId: string;
  /** The dashboard session the token was minted for: the API refuses it once that session has ended. */
  sessionId?: string;
}

function key(secret: string): Uint8Array {
  if (secret.length < 32) throw new RangeError('service token secret: must be at least 32 characters');
  return new TextEncoder().encode(secret);
}

export async function signServiceToken(
  claims: ServiceTokenClaims,
  secret: string,
  ttlSeconds = SERVICE_TOKEN_TTL_SECONDS,
): Promise<string> {
  if (ttlSeconds > SERVICE_TOKEN_MAX_AGE_SECONDS)
    throw new RangeError(`service token ttl: at most ${SERVICE_TOKEN_MAX_AGE_SECONDS} seconds`);
  return new SignJWT({ org: claims.organizationId, ...(claims.sessionId ? { sid: claims.sessionId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key(secret));
}

/** The claims of a valid, unexpired token; null for anything else (bad signature, expired, malformed). */
export async function verifyServiceToken(token: string, secret: string): Promise<ServiceTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: SERVICE_TOKEN_MAX_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof payload.sub !== 'string' || typeof payload.org !== 'string') return null;
    // A lifetime longer than the maximum age is a token no web server of ours minted.
    if (payload.exp! - payload.iat! > SERVICE_TOKEN_MAX_AGE_SECONDS) return null;
    // Issued in the future (beyond clock skew): refused too.
    if (payload.iat! > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) return null;
    if (payload.sid !== undefined && typeof payload.sid !== 'string') return null;
    return { userId: payload.sub, organizationId: payload.org, ...(typeof payload.sid === 'string' ? { sessionId: payload.sid } : {}) };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}
