// Per-credential limits, so one API key (or one user) cannot starve the database for every tenant:
// - a budget of work units (query-cost.ts) refilled every second, with a burst: past it, HTTP 429 with
//   Retry-After saying when enough units are back;
// - at most `maxHeavyInFlight` heavy operations (cost over HEAVY_COST) running at once per credential;
//   the next ones wait their turn (up to `maxHeavyQueued`, then 429 with Retry-After: 1), so a key
//   hammering with many connections gets the share of one, and its clients are not taught to spin.
// Together with the statement timeout of each tenant transaction, the heaviest legal query a
// credential can run holds few connections and cores, briefly.
// In-process: each API process keeps its own counts (a credential spread over N processes gets N times
// the budget, still bounded).
import { rateLimited } from '../errors.ts';

export const HEAVY_COST = 100;

export interface CredentialLimitsOptions {
  /** Work units a credential may spend per second (sustained). */
  costPerSecond: number;
  /** Work units a credential may spend at once after being idle. */
  burst: number;
  maxHeavyInFlight: number;
  /** Heavy operations that may wait for a slot per credential before further ones get 429. */
  maxHeavyQueued?: number;
}

interface Bucket {
  units: number;
  updatedAt: number;
  heavyInFlight: number;
  waiting: (() => void)[];
}

export interface CredentialLimits {
  /** Spends `cost` for `credential`; throws a 429 GraphQLError when over a limit. Call `release` when the operation ends. */
  admit(credential: string, cost: number): Promise<() => void>;
}

function releaser(bucket: Bucket): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = bucket.waiting.shift();
    if (next) next();
    else bucket.heavyInFlight -= 1;
  };
}

export function createCredentialLimits(options: CredentialLimitsOptions, now: () => number = () => performance.now()): CredentialLimits {
  const buckets = new Map<string, Bucket>();
  const bucketOf = (credential: string): Bucket => {
    const at = now();
    let bucket = buckets.get(credential);
    if (!bucket) {
      bucket = { units: options.burst, updatedAt: at, heavyInFlight: 0, waiting: [] };
      buckets.set(credential, bucket);
      // Forget idle, full buckets now and then so the map does not grow with every key ever seen.
      if (buckets.size > 10_000) for (const [key, b] of buckets) if (b.heavyInFlight === 0 && b.units >= options.burst) buckets.delete(key);
    }
    bucket.units = Math.min(options.burst, bucket.units + ((at - bucket.updatedAt) / 1000) * options.costPerSecond);
    bucket.updatedAt = at;
    return bucket;
  };
  return {
    async admit(credential, cost) {
      const bucket = bucketOf(credential);
      if (bucket.units < cost) {
        const seconds = Math.max(1, Math.ceil((cost - bucket.units) / options.costPerSecond));
        throw rateLimited(`Rate limit: this credential spent its budget of work; retry in ${seconds} s.`, seconds);
      }
      const heavy = cost > HEAVY_COST;
      if (!heavy) {
        bucket.units -= cost;
        return () => {};
      }
      if (bucket.heavyInFlight < options.maxHeavyInFlight) bucket.heavyInFlight += 1;
      else if (bucket.waiting.length >= (options.maxHeavyQueued ?? 20)) {
        throw rateLimited(
          `Rate limit: this credential already runs and queues its share of heavy operations (filters, searches, totalCount over many rows); retry in 1 s.`,
          1,
        );
      } else {
        bucket.units -= cost;
        // A finishing operation hands its slot straight to the longest waiting one.
        await new Promise<void>((resolve) => bucket.waiting.push(resolve));
        return releaser(bucket);
      }
      bucket.units -= cost;
      return releaser(bucket);
    },
  };
}
