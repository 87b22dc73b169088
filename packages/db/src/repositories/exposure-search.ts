// The exposure table's search ("contains, any case" over the facility reference, the obligor's reference
// and name) and what the trigram index is asked for it. The index intersects the posting lists of every
// trigram of the search; a word that nearly every row holds (a bank's common reference prefix, such as
// "P1000000" in "P1000000-SC-54999") brings lists of a million entries each, and at a million exposures
// a reference search cost 24 ms of index reading against 0.6 ms for its distinctive part alone. So a
// sample of the portfolio's rows names the words that nearly all of them hold; the index is asked for
// the other words (each a necessary condition: a row holding the search holds each of its words) and
// the whole search is checked on the rows it returns, by a condition the index cannot take. Which words
// the sample calls common, and how the search is split, change only the speed, never the rows.
import { Prisma } from '../generated/prisma/client.ts';

/** The search expression the trigram index is built on: three fields joined by a newline. */
export const SEARCH_SQL = Prisma.raw(`(e.external_id || E'\\n' || e.obligor_external_id || E'\\n' || e.obligor_name)`);

/** Rows sampled to find the common words; a smaller portfolio is searched as it is. */
export const SEARCH_SAMPLE_ROWS = 200;
/** Share of the sampled rows a word must be in to be left to the check (a prefix nearly every row has). */
const COMMON_SHARE = 0.9;

/** `%text%` for ILIKE, with the pattern characters of the search itself taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search's words as pg_trgm splits text (runs of letters and digits), each once whatever its case,
 * as the search spells them: ILIKE folds their case as it folds the search's, so a row the search
 * matches holds each of them.
 */
export function searchWords(search: string): string[] {
  const byLower = new Map<string, string>();
  for (const word of search.match(/[\p{L}\p{N}]+/gu) ?? []) if (!byLower.has(word.toLowerCase())) byLower.set(word.toLowerCase(), word);
  return [...byLower.values()];
}

/**
 * The search's conditions over `e`. The index is asked for each word the sample did not call common, as
 * `%word%`: a word's inner trigrams, not the ones padded at its edges ("  d", " du": every word that
 * starts so), which are the longest lists after a common prefix's (a name and number search read 637
 * index pages whole, 244 by its words). The whole search is then checked by `strpos` of the lower-cased
 * texts, the test ILIKE makes, which the index does not take. The whole search goes to the index as
 * it is when that asks for nothing more: one word, every word common, or a word under three
 * characters that is not common (it has no inner trigram, and its padded ones may be what selects).
 */
export function searchConditions(search: string, common: ReadonlySet<string>): Prisma.Sql[] {
  const whole = Prisma.sql`${SEARCH_SQL} ILIKE ${containsPattern(search)}`;
  const words = searchWords(search);
  const distinctive = words.filter((w) => !common.has(w.toLowerCase()));
  if (distinctive.length === 0 || distinctive.some((w) => w.length < 3) || (words.length === 1 && words[0] === search)) return [whole];
  return [
    ...distinctive.map((w) => Prisma.sql`${SEARCH_SQL} ILIKE ${containsPattern(w)}`),
    Prisma.sql`strpos(lower(${SEARCH_SQL}), lower(${search})) > 0`,
  ];
}

/**
 * The words of `search` (lower case) that at least COMMON_SHARE of a sample of the portfolio's rows hold,
 * in any case; none when the portfolio has fewer than SEARCH_SAMPLE_ROWS rows. Counted by the server
 * (through the tenant's view): 0.2 ms there, where reading the 200 texts into the API cost 3 to 6 ms.
 */
export function commonSearchWordsQuery(organizationId: string, portfolioId: string, search: string): Prisma.Sql {
  const words = searchWords(search).map((w) => w.toLowerCase());
  return Prisma.sql`
    WITH sample AS (SELECT lower(${SEARCH_SQL}) AS s FROM tenant_exposures e
                     WHERE e.portfolio_id = ${portfolioId}::uuid AND e.organization_id = ${organizationId}::uuid
                     LIMIT ${SEARCH_SAMPLE_ROWS})
    SELECT w FROM unnest(${words}::text[]) AS w
     WHERE (SELECT count(*) FROM sample) >= ${SEARCH_SAMPLE_ROWS}
       AND (SELECT count(*) FROM sample WHERE strpos(sample.s, w) > 0) >= ${COMMON_SHARE * SEARCH_SAMPLE_ROWS}`;
}
