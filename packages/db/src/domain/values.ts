// The value types every domain type is built from. Money and ratios are exact decimal strings (never
// floats, never a library's Decimal object); calendar days are YYYY-MM-DD strings (never a Date at a
// time-zone-dependent midnight); instants are Dates.
export type { Role, ApiKeyScope } from '@probity/auth';

/** An exact decimal number written out, e.g. "1250000.00" (money, 2 places) or "0.734512" (ratio, 6 places). */
export type DecimalString = string;

/** A calendar day, YYYY-MM-DD. */
export type LocalDate = string;

export const SEGMENTS = ['RETAIL', 'SME', 'CORPORATE'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const EXPOSURE_STATUSES = ['PERFORMING', 'WATCHLIST', 'DEFAULTED', 'CLOSED'] as const;
export type ExposureStatus = (typeof EXPOSURE_STATUSES)[number];

/** Any JSON value (audit snapshots). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
