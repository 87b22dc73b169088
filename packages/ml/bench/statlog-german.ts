/**
 * The real UCI Statlog German credit data (1,000 applicants, 300 bad), for the quality check: Debian's
 * `weka` package ships it as `credit-g.arff` (`apt-get download weka && dpkg -x weka_*.deb DIR`, or
 * `apt-get install --no-install-recommends weka`). It is written back as Statlog's own `german.data`
 * is: string codes A11..A202 in the ARFF's level order (the order of the Statlog documentation), the
 * class as BAD 1 / 0, whitespace-delimited on our side; the references get the codes one-hot.
 */
import { existsSync, readFileSync } from 'node:fs';
import { withOneHotReference, type StatlogLike } from '../test/support/statlog-like.ts';

const CANDIDATES = ['/usr/share/doc/weka/examples/credit-g.arff', '/usr/share/doc/weka/examples/credit-g.arff.gz'];

/** The ARFF's path: --german-arff, else PROBITY_GERMAN_ARFF, else where the weka package installs it. */
export function germanArffPath(given: string | undefined): string {
  const path = given || process.env.PROBITY_GERMAN_ARFF || CANDIDATES.find((p) => existsSync(p));
  if (!path || !existsSync(path)) {
    throw new Error(
      'german: credit-g.arff not found; give --german-arff PATH (from Debian: apt-get download weka && dpkg -x weka_*.deb DIR)',
    );
  }
  return path;
}

/** ARFF fields: comma-separated, values with spaces or symbols in single quotes. */
function fields(line: string): string[] {
  return [...line.matchAll(/\s*('(?:[^'\\]|\\.)*'|[^,]*)\s*(?:,|$)/g)]
    .map((m) => m[1]!)
    .slice(0, -1)
    .map((v) => (v.startsWith("'") ? v.slice(1, -1) : v).trim());
}

// Statlog's attribute numbers for the categorical columns, in the file's column order (A1, A3, A4, ...).
const STATLOG_NUMBER: Record<string, number> = {
  checking_status: 1,
  credit_history: 3,
  purpose: 4,
  savings_status: 6,
  employment: 7,
  personal_status: 9,
  other_parties: 10,
  property_magnitude: 12,
  other_payment_plans: 14,
  housing: 15,
  job: 17,
  own_telephone: 19,
  foreign_worker: 20,
};

export function statlogGerman(path: string): StatlogLike {
  const text = readFileSync(path, 'utf8');
  const attributes: { name: string; levels: string[] | null }[] = [];
  const rows: string[][] = [];
  let inData = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('%')) continue;
    if (inData) {
      rows.push(fields(line));
      continue;
    }
    const attribute = /^@attribute\s+(\S+)\s+(.*)$/i.exec(line);
    if (attribute) {
      const spec = attribute[2]!.trim();
      attributes.push({ name: attribute[1]!, levels: spec.startsWith('{') ? fields(spec.slice(1, spec.lastIndexOf('}'))) : null });
    } else if (/^@data/i.test(line)) inData = true;
  }
  const target = attributes.length - 1;
  if (attributes[target]?.name !== 'class' || rows.length !== 1000) throw new Error(`german: ${path} is not credit-g.arff`);
  const header = [...attributes.slice(0, target).map((a) => a.name.toUpperCase()), 'BAD'];
  const lines = rows.map((row, r) => {
    if (row.length !== attributes.length) throw new Error(`german: row ${r + 1} has ${row.length} fields`);
    return row.map((value, j) => {
      const a = attributes[j]!;
      if (j === target) return value === 'bad' ? '1' : '0';
      if (!a.levels) return value;
      const level = a.levels.indexOf(value);
      if (level < 0) throw new Error(`german: row ${r + 1}, ${a.name}: unknown level '${value}'`);
      // Statlog numbers levels from 1 except A30..A34 (credit history) and A40..A410 (purpose) from 0.
      const first = a.name === 'credit_history' || a.name === 'purpose' ? 0 : 1;
      return `A${STATLOG_NUMBER[a.name]}${level + first}`;
    });
  });
  return withOneHotReference(header, lines, (_, j) => j < target && attributes[j]!.levels !== null);
}
