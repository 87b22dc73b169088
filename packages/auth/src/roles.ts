// Who may do what. Roles are ordered; each permission names the least role that holds it.
export const ROLES = ['VIEWER', 'ANALYST', 'RISK_OFFICER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** Read portfolios, exposures, obligors, snapshots. */
  read: 'VIEWER',
  /** Change exposures. */
  'exposure:write': 'ANALYST',
  /** Load model features (obligor and exposure data) from files. */
  'features:write': 'ANALYST',
  /** Link models to portfolios, set their scoring schedule, re-score on demand. */
  'scoring:manage': 'RISK_OFFICER',
  /** Create portfolios. */
  'portfolio:write': 'RISK_OFFICER',
  /** Read the audit trail. */
  'audit:read': 'RISK_OFFICER',
  /** Upload datasets, create models and train versions. */
  'model:train': 'ANALYST',
  /** Validate, approve (never one's own), reject and promote model versions; edit the master scale. */
  'model:govern': 'RISK_OFFICER',
  /** Create and revoke API keys. */
  'apiKey:manage': 'ADMIN',
  /** See and change members. */
  'user:manage': 'ADMIN',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function can(role: Role, permission: Permission): boolean {
  return roleRank(role) >= roleRank(PERMISSIONS[permission]);
}

export const API_KEY_SCOPES = ['READ', 'WRITE', 'ADMIN'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** An API key acts with the highest role its scopes grant: READ viewer, WRITE analyst, ADMIN admin. */
export function roleForScopes(scopes: readonly ApiKeyScope[]): Role | null {
  if (scopes.includes('ADMIN')) return 'ADMIN';
  if (scopes.includes('WRITE')) return 'ANALYST';
  if (scopes.includes('READ')) return 'VIEWER';
  return null;
}

/**
 * A key acts as the person who created it, so it never acts above their current role: the lower of
 * its scopes' role and `creatorRole` (null: a key with no person behind it, its scopes alone).
 */
export function roleForKey(scopes: readonly ApiKeyScope[], creatorRole: Role | null): Role | null {
  const scoped = roleForScopes(scopes);
  if (!scoped || !creatorRole) return scoped;
  return roleRank(creatorRole) < roleRank(scoped) ? creatorRole : scoped;
}
