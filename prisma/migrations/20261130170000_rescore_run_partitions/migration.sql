-- Hand-written (issue 10, re-scoring at COPY speed): scores partitioned by run. A run's batches COPY
-- into the run's own table, which has no index while the run writes (three index insertions per row
-- were most of the write); the last batch attaches it as the run's partition, which builds the
-- partition's primary key (one score per run and exposure) and its two indexes once, in bulk, in the
-- same transaction that marks the run SUCCEEDED. So `scores` only ever shows finished runs, each with
-- its primary key in force. Deleting a run drops its table (see packages/db/src/scoring/run-scores.ts).

ALTER TABLE "scores" RENAME TO "scores_unpartitioned";
ALTER INDEX "scores_pkey" RENAME TO "scores_unpartitioned_pkey";
ALTER INDEX "scores_exposure_id_idx" RENAME TO "scores_unpartitioned_exposure_id_idx";
ALTER INDEX "scores_run_id_pd_exposure_id_idx" RENAME TO "scores_unpartitioned_run_id_pd_exposure_id_idx";

CREATE TABLE "scores" (
    "run_id" UUID NOT NULL,
    "exposure_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL DEFAULT probity_current_org(),
    "obligor_id" UUID NOT NULL,
    "model_version_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "input_hash" CHAR(64) NOT NULL,
    "pd" DOUBLE PRECISION NOT NULL,
    "grade" TEXT NOT NULL,
    "reason_features" TEXT[],
    "reason_values" DOUBLE PRECISION[],

    CONSTRAINT "scores_pkey" PRIMARY KEY ("run_id","exposure_id")
) PARTITION BY LIST ("run_id");
CREATE INDEX "scores_run_id_pd_exposure_id_idx" ON "scores"("run_id", "pd", "exposure_id");
CREATE INDEX "scores_exposure_id_idx" ON "scores"("exposure_id");

GRANT SELECT, INSERT ON scores TO probity_app;
ALTER TABLE scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scores TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());

-- A run's own table: named after the run, so any session can find it.
CREATE FUNCTION probity_run_scores_table(run uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'scores_' || replace(run::text, '-', '')
$$;

-- The run's table, empty and without indexes, created when the run is planned. Only the owner can read
-- or write it (no row-level security of its own: the tenant role reads scores through `scores`).
CREATE FUNCTION probity_open_run_scores(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  EXECUTE format('CREATE TABLE IF NOT EXISTS %I (LIKE scores INCLUDING DEFAULTS)', probity_run_scores_table(run));
  EXECUTE format('REVOKE ALL ON %I FROM PUBLIC', probity_run_scores_table(run));
END $$;

-- The finished run's table becomes its partition: PostgreSQL checks every row is the run's and builds
-- the partition's primary key and indexes (a duplicate score would fail the key, and the batch with it).
CREATE FUNCTION probity_close_run_scores(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF to_regclass(probity_run_scores_table(run)) IS NULL THEN RETURN; END IF;
  IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(probity_run_scores_table(run)) AND relispartition) THEN RETURN; END IF;
  EXECUTE format('ALTER TABLE scores ATTACH PARTITION %I FOR VALUES IN (%L)', probity_run_scores_table(run), run);
END $$;

-- Scores go with their run: its table is dropped (attached or not), not emptied row by row.
CREATE OR REPLACE FUNCTION probity_delete_run_scores() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  gone_run uuid;
BEGIN
  FOR gone_run IN SELECT id FROM gone LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I', probity_run_scores_table(gone_run));
  END LOOP;
  -- Runs scored before scores were partitioned share one partition.
  IF to_regclass('scores_before_partitions') IS NOT NULL THEN
    DELETE FROM scores_before_partitions WHERE run_id IN (SELECT id FROM gone);
  END IF;
  RETURN NULL;
END $$;

-- And with their exposure: from every finished run, and from the tables of runs still writing.
CREATE OR REPLACE FUNCTION probity_delete_exposure_scores() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  open_table text;
BEGIN
  DELETE FROM scores WHERE exposure_id IN (SELECT id FROM gone);
  FOR open_table IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition AND c.relname ~ '^scores_[0-9a-f]{32}$' LOOP
    EXECUTE format('DELETE FROM %I WHERE exposure_id IN (SELECT id FROM gone)', open_table);
  END LOOP;
  RETURN NULL;
END $$;

-- Scores written before this migration: one partition holds every earlier run's (a partition per run
-- would take a lock per run in this one transaction), and a run still writing goes on writing there;
-- their runs' deletion empties it row by row.
DO $$
DECLARE
  old_runs text;
BEGIN
  SELECT string_agg(quote_literal(run_id::text), ', ') INTO old_runs FROM (SELECT run_id FROM scores_unpartitioned UNION SELECT id FROM scoring_runs WHERE status = 'RUNNING') r;
  IF old_runs IS NOT NULL THEN
    EXECUTE format('CREATE TABLE scores_before_partitions PARTITION OF scores FOR VALUES IN (%s)', old_runs);
    REVOKE ALL ON scores_before_partitions FROM PUBLIC;
    INSERT INTO scores (run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade, reason_features, reason_values)
      SELECT run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade, reason_features, reason_values
        FROM scores_unpartitioned;
  END IF;
END $$;
DROP TABLE "scores_unpartitioned";
