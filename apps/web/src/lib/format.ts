// Number, money and date formatting for tables, KPI cards and chart axes. One locale for the whole
// product (en-GB: thousands separators, day-month-year dates); money keeps its ISO currency code so a
// TWD and a EUR figure are never confused.

const LOCALE = 'en-GB';
// Compact notation in en-US reads K / M / B, the abbreviations risk reports use.
const COMPACT_LOCALE = 'en-US';
const DASH = '—';

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string, compact: boolean): Intl.NumberFormat {
  const key = `${currency}:${compact}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(compact ? COMPACT_LOCALE : LOCALE, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : { minimumFractionDigits: 0, maximumFractionDigits: 0 }),
    });
    moneyFormats.set(key, format);
  }
  return format;
}

/** "TWD 1,234,568" (whole units) or, compact, "TWD 1.2M". Decimal strings are exact; display rounds. */
export function formatMoney(value: string | number | null | undefined, currency: string, options: { compact?: boolean } = {}): string {
  const number = toNumber(value);
  if (number === null) return DASH;
  // Intl puts a non-breaking space after the code; a normal space wraps and copies better.
  return moneyFormat(currency, options.compact ?? false)
    .format(number)
    .replace(/\u00a0/g, ' ');
}

const integerFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
export function formatInteger(value: number | string | null | undefined): string {
  const number = toNumber(value);
  return number === null ? DASH : integerFormat.format(number);
}

const compactFormat = new Intl.NumberFormat(COMPACT_LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
/** "1.2M" for chart axes where the unit is in the axis label. */
export function formatCompact(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : compactFormat.format(value);
}

/** A ratio 0..1 as a percentage, e.g. 0.4567 -> "45.7%". */
export function formatPercent(ratio: number | string | null | undefined, fractionDigits = 1): string {
  const number = toNumber(ratio);
  if (number === null) return DASH;
  return `${(number * 100).toLocaleString(LOCALE, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits })}%`;
}

const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const monthFormat = new Intl.DateTimeFormat(LOCALE, { month: 'short', year: '2-digit', timeZone: 'UTC' });

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "27 Nov 2026" from a YYYY-MM-DD date or an ISO instant (shown in UTC). */
export function formatDate(value: string | null | undefined): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : DASH;
}

/** "27 Nov 2026, 09:30 UTC". */
export function formatDateTime(value: string | null | undefined): string {
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : DASH;
}

/** "Nov 26" for a chart's time axis. */
export function formatMonth(value: string | null | undefined): string {
  const date = toDate(value);
  return date ? monthFormat.format(date) : DASH;
}

/** RISK_OFFICER -> "Risk officer"; PERFORMING -> "Performing". */
export function humanise(code: string): string {
  const words = code.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
