// Who is asking, on behalf of which organization. Every tenant-scoped data-access function takes one;
// it is built by the API from a verified session token or API key, never from client input.
export type Actor = { kind: 'user'; userId: string } | { kind: 'apiKey'; apiKeyId: string } | { kind: 'system'; name: string };

export interface TenantScope {
  organizationId: string;
  actor: Actor;
  /** Correlates audit rows and logs with the request that caused them. */
  requestId?: string;
}
