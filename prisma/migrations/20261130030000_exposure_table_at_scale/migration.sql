-- DropIndex
DROP INDEX "exposures_obligor_id_idx";

-- DropIndex
DROP INDEX "exposures_organization_id_idx";

-- DropIndex
DROP INDEX "exposures_portfolio_id_ead_idx";

-- DropIndex
DROP INDEX "exposures_portfolio_id_id_idx";

-- AlterTable
ALTER TABLE "exposures" ADD COLUMN     "obligor_country" CHAR(2),
ADD COLUMN     "obligor_external_id" TEXT,
ADD COLUMN     "obligor_name" TEXT,
ADD COLUMN     "obligor_sector" TEXT,
ADD COLUMN     "obligor_segment" "Segment";

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_ead_id_idx" ON "exposures"("portfolio_id", "ead", "id");

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_limit_id_idx" ON "exposures"("portfolio_id", "limit", "id");

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_lgd_id_idx" ON "exposures"("portfolio_id", "lgd", "id");

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_days_past_due_id_idx" ON "exposures"("portfolio_id", "days_past_due", "id");

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_external_id_id_idx" ON "exposures"("portfolio_id", "external_id", "id");

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_obligor_name_id_idx" ON "exposures"("portfolio_id", "obligor_name", "id");

-- CreateIndex
CREATE INDEX "exposures_portfolio_id_updated_at_id_idx" ON "exposures"("portfolio_id", "updated_at", "id");

-- CreateIndex
CREATE INDEX "exposures_obligor_id_ead_id_idx" ON "exposures"("obligor_id", "ead", "id");

-- ---------------------------------------------------------------------------------------------------
-- Hand-written (issue 14, portfolios of a million exposures). See packages/db/README.md, "Indexes".

-- The obligor's fields copied onto its exposures: filled here for existing rows, then by the triggers
-- below on every insert, change of obligor, or change to the obligor itself.
UPDATE exposures e
   SET obligor_name = o.name, obligor_external_id = o.external_id, obligor_segment = o.segment,
       obligor_sector = o.sector, obligor_country = o.country
  FROM obligors o
 WHERE o.id = e.obligor_id;

CREATE FUNCTION probity_exposure_copy_obligor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT o.name, o.external_id, o.segment, o.sector, o.country
    INTO NEW.obligor_name, NEW.obligor_external_id, NEW.obligor_segment, NEW.obligor_sector, NEW.obligor_country
    FROM obligors o
   WHERE o.id = NEW.obligor_id;
  RETURN NEW;
END
$$;

-- Bulk loads fill the copies themselves (one join for the whole load); rows written one by one get them here.
CREATE TRIGGER exposures_copy_obligor_insert BEFORE INSERT ON exposures
  FOR EACH ROW WHEN (NEW.obligor_name IS NULL) EXECUTE FUNCTION probity_exposure_copy_obligor();
CREATE TRIGGER exposures_copy_obligor_update BEFORE UPDATE OF obligor_id ON exposures
  FOR EACH ROW WHEN (NEW.obligor_id IS DISTINCT FROM OLD.obligor_id) EXECUTE FUNCTION probity_exposure_copy_obligor();

CREATE FUNCTION probity_obligor_copy_to_exposures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE exposures e
     SET obligor_name = n.name, obligor_external_id = n.external_id, obligor_segment = n.segment,
         obligor_sector = n.sector, obligor_country = n.country
    FROM new_rows n JOIN old_rows o ON o.id = n.id
   WHERE e.obligor_id = n.id
     AND (n.name, n.external_id, n.segment, n.sector, n.country) IS DISTINCT FROM (o.name, o.external_id, o.segment, o.sector, o.country);
  RETURN NULL;
END
$$;

CREATE TRIGGER obligors_copy_to_exposures AFTER UPDATE ON obligors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_obligor_copy_to_exposures();

-- Maturity sort: nulls last ascending (first descending), as 'infinity', so the keyset is one row comparison.
CREATE INDEX exposures_portfolio_maturity_sort_idx ON exposures (portfolio_id, (coalesce(maturity_date, 'infinity'::date)), id);

-- Selective equality filters (status, segment, sector, country, currency, product), any combination:
-- one GIN index over all of them (btree_gin) intersects their posting lists; the portfolio is checked
-- on the rows found (a million-entry posting list for it would cost more than it saves). Common values
-- are cheaper through the sort index, filtering as it walks: the planner chooses. The two-letter codes
-- are keyed as text (the queries compare `::text`), which also keeps the index out of Prisma's diff.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX exposures_filters_gin_idx ON exposures
  USING gin (status, obligor_segment, obligor_sector, (obligor_country::text), (currency::text), product);

-- Search: "contains, any case" on the facility reference, obligor reference or obligor name, one
-- trigram index over the three joined by a newline (searches never contain one, so no match spans two).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX exposures_search_trgm_idx ON exposures
  USING gin ((external_id || E'\n' || obligor_external_id || E'\n' || obligor_name) gin_trgm_ops);

-- Reads of the exposure table go through this view. Row-level security would also hide other
-- organizations' rows, but PostgreSQL then refuses index conditions built on operators that are not
-- leakproof (numeric and enum comparisons, ILIKE), which turns a page into a scan of the portfolio. The
-- view runs as its owner and applies the same tenant condition itself, so the indexes serve.
CREATE VIEW tenant_exposures AS
  SELECT * FROM exposures WHERE organization_id = probity_current_org();
GRANT SELECT ON tenant_exposures TO probity_app;

-- Time-ordered UUIDs (version 7) for bulk loads: rows inserted together land at the right-hand edge
-- of the primary key instead of on random pages (PostgreSQL 18 has uuidv7(); 15 to 17 do not).
CREATE FUNCTION probity_uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
