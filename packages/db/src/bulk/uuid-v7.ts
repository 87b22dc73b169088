// Time-ordered UUIDs (version 7) made in the loader, one string concatenation each: a bulk load
// writes millions, and generating them in SQL (probity_uuid_v7()) cost about 2 s per million rows.
// One load's ids share its start time and random bits and count up, so they sort in the order they
// are made and the primary key grows at its right-hand edge.
import { randomBytes } from 'node:crypto';

/** Returns a generator of ids: 48-bit time, version 7, 12 random bits, variant, 32-bit counter, 28 random bits. */
export function uuidV7Sequence(now = Date.now()): () => string {
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const random = randomBytes(6).toString('hex'); // 12 hex digits: 3 for rand_a, 2 for rand_b, 7 for the tail
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-`;
  const variant = (8 | (parseInt(random[3]!, 16) & 3)).toString(16); // 10xx
  const tail = random.slice(5, 12);
  let n = 0;
  return () => {
    if (n > 0xffffffff) throw new Error('uuidV7Sequence: more than 2^32 ids in one sequence');
    const counter = (n++).toString(16).padStart(8, '0');
    // variant + 3 counter digits | 5 counter digits + 7 random digits
    return `${head}${variant}${counter.slice(0, 3)}-${counter.slice(3)}${tail}`;
  };
}
