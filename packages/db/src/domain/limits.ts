// The longest text each input takes, in characters: the API refuses longer values and the dashboard's
// fields and server actions use the same numbers (apps/web imports this file through
// `@probity/db/limits`), so the two can never disagree. No imports: safe for any bundle.
export const TEXT_LIMITS = {
  portfolioName: 120,
  portfolioDescription: 1000,
  exposureProduct: 80,
  apiKeyName: 80,
  /** The exposure table's free-text search. */
  search: 100,
  /** Exact-match filters: sector, product, currency, audit action, entity type and id. */
  filter: 100,
  email: 320,
  password: 512,
  /** A member's display name (invitations). */
  personName: 120,
} as const;

/** Calendar days the data layer accepts (maturity, origination, snapshot days, date filters). */
export const DATE_RANGE = { min: '1900-01-01', max: '2999-12-31' } as const;

/** Instants the data layer accepts (key expiry, audit filters): PostgreSQL's timestamptz has no year 0. */
export const INSTANT_RANGE = { min: '1900-01-01T00:00:00.000Z', max: '2999-12-31T23:59:59.999Z' } as const;
