export { hashPassword, verifyPassword, burnPasswordCheck, MIN_PASSWORD_LENGTH } from './password.ts';
export { generateApiKey, hashApiKey, apiKeyPrefix, apiKeyMatches, type GeneratedApiKey } from './api-key-secret.ts';
export {
  signServiceToken,
  verifyServiceToken,
  SERVICE_TOKEN_TTL_SECONDS,
  SERVICE_TOKEN_MAX_AGE_SECONDS,
  type ServiceTokenClaims,
} from './service-token.ts';
export {
  ROLES,
  PERMISSIONS,
  API_KEY_SCOPES,
  can,
  roleRank,
  roleForScopes,
  roleForKey,
  type Role,
  type Permission,
  type ApiKeyScope,
} from './roles.ts';
