-- Hand-written (issue 14). See packages/db/README.md, "Indexes".
--
-- The facility-reference sort keyed on `external_id || ''` (the same text in the same collation)
-- instead of the bare column. On the bare column two indexes could order a portfolio's page: its own
-- (portfolio_id, external_id, id) and the organization's unique (organization_id, external_id), and
-- the planner, taking most of the organization's rows to be the portfolio's, chose the unique one,
-- whose walk passes every reference of the organization's other books that sorts before this book's:
-- 25 to 35 ms a page for a million-exposure book beside a book of 100,000, and it grows with the
-- other books. Only this index orders the expression (exposure-query.ts orders and pages by it).
-- An expression index is not declared in schema.prisma (Prisma cannot), as the other sort keys.

DROP INDEX "exposures_portfolio_id_external_id_id_idx";
CREATE INDEX exposures_portfolio_external_id_sort_idx ON exposures (portfolio_id, (external_id || ''), id);
