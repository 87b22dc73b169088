-- Scores by run (issue 10): `scores` is LIST-partitioned by run_id, one partition per run. A run's
-- partition is a plain table in the `score_runs` schema with no index while its batches write (each
-- of the two indexes cost more to keep up row by row than the heap write itself); when the run ends its
-- indexes are built once by sort and it is attached, so a finished run reads exactly as before through
-- `scores` (row-level security on the parent, partition pruning by run_id, the exposure's history by the
-- primary key of each partition). Building the primary key proves one score per run and exposure;
-- during the run the batch ledger (scoring_batches, locked and marked done in the batch's transaction)
-- keeps a batch from writing twice. See packages/db/src/scoring/run-scores.ts.

CREATE SCHEMA score_runs;
REVOKE ALL ON SCHEMA score_runs FROM PUBLIC;

ALTER TABLE scores RENAME TO scores_unpartitioned;
ALTER TABLE scores_unpartitioned RENAME CONSTRAINT scores_pkey TO scores_unpartitioned_pkey;
ALTER INDEX scores_run_id_pd_exposure_id_idx RENAME TO scores_unpartitioned_run_id_pd_exposure_id_idx;
DROP POLICY tenant_isolation ON scores_unpartitioned;

-- CreateTable
CREATE TABLE "scores" (
    "run_id" UUID NOT NULL,
    "exposure_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL DEFAULT probity_current_org(),
    "obligor_id" UUID NOT NULL,
    "model_version_id" UUID NOT NULL,
    "as_of" DATE NOT NULL,
    "input_hash" BYTEA NOT NULL,
    "pd" DOUBLE PRECISION NOT NULL,
    "grade" TEXT NOT NULL,
    "reason_features" TEXT[],
    "reason_values" DOUBLE PRECISION[],

    CONSTRAINT "scores_pkey" PRIMARY KEY ("exposure_id","run_id")
) PARTITION BY LIST ("run_id");

-- CreateIndex
CREATE INDEX "scores_run_id_pd_exposure_id_idx" ON "scores"("run_id", "pd", "exposure_id");

GRANT SELECT, INSERT ON scores TO probity_app;
ALTER TABLE scores ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON scores TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());

-- The run's partition, by name (schema-qualified, quoted).
CREATE FUNCTION probity_run_scores_table(run uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('score_runs.%I', 'r_' || replace(run::text, '-', ''))
$$;

-- Opens a run's partition (unindexed, not yet attached); called when the run is planned. Security
-- definer: the tenant role creates no tables; only a run of the caller's organization.
CREATE FUNCTION probity_open_run_scores(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM scoring_runs WHERE id = run AND organization_id IS NOT DISTINCT FROM
                 coalesce(probity_current_org(), organization_id)) THEN
    RAISE EXCEPTION 'scoring run % not found', run;
  END IF;
  EXECUTE format('CREATE TABLE IF NOT EXISTS %s (LIKE public.scores INCLUDING DEFAULTS)', probity_run_scores_table(run));
END $$;

-- Seals a run's partition: both indexes built by sort (the primary key fails on a second score for a
-- (run, exposure)), then attached (one scan checks every row belongs to the run). Idempotent: a
-- partition already attached, or none, is left alone.
-- (A million scores' keys sort in memory: 64MB, the default, spills them to disk.)
CREATE FUNCTION probity_seal_run_scores(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  SET maintenance_work_mem = '256MB' AS $$
DECLARE
  t text := probity_run_scores_table(run);
  rel regclass := to_regclass(probity_run_scores_table(run));
  name text := 'r_' || replace(run::text, '-', '');
BEGIN
  IF NOT EXISTS (SELECT 1 FROM scoring_runs WHERE id = run AND organization_id IS NOT DISTINCT FROM
                 coalesce(probity_current_org(), organization_id)) THEN
    RAISE EXCEPTION 'scoring run % not found', run;
  END IF;
  IF rel IS NULL THEN RETURN; END IF;
  EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', t);
  IF (SELECT relispartition FROM pg_class WHERE oid = rel) THEN RETURN; END IF;
  EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (exposure_id, run_id)', t, name || '_pkey');
  EXECUTE format('CREATE INDEX %I ON %s (run_id, pd, exposure_id)', name || '_run_id_pd_exposure_id_idx', t);
  EXECUTE format('ALTER TABLE public.scores ATTACH PARTITION %s FOR VALUES IN (%L)', t, run);
END $$;

GRANT EXECUTE ON FUNCTION probity_open_run_scores(uuid), probity_seal_run_scores(uuid) TO probity_app;

-- Existing scores: one partition per run, sealed as a finished run's; a run still running gets its
-- partition open (unsealed) with the scores written so far, for its remaining batches. Scores of a run that no longer exists (no reader could reach them) are left behind.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id AS run_id FROM scoring_runs WHERE status <> 'RUNNING' AND id IN (SELECT run_id FROM scores_unpartitioned) LOOP
    PERFORM probity_open_run_scores(r.run_id);
    EXECUTE format('INSERT INTO %s (run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade,
                      reason_features, reason_values)
                    SELECT run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade,
                      reason_features, reason_values FROM scores_unpartitioned WHERE run_id = %L ORDER BY exposure_id',
                   probity_run_scores_table(r.run_id), r.run_id);
    PERFORM probity_seal_run_scores(r.run_id);
  END LOOP;
  -- Runs still running when migrated: their partition, with the scores written so far, to write into.
  FOR r IN SELECT id FROM scoring_runs WHERE status = 'RUNNING' LOOP
    PERFORM probity_open_run_scores(r.id);
    EXECUTE format('INSERT INTO %s (run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade,
                      reason_features, reason_values)
                    SELECT run_id, exposure_id, organization_id, obligor_id, model_version_id, as_of, input_hash, pd, grade,
                      reason_features, reason_values FROM scores_unpartitioned WHERE run_id = %L',
                   probity_run_scores_table(r.id), r.id);
  END LOOP;
END $$;
DROP TABLE scores_unpartitioned;

-- A deleted run takes its partition with it (attached or not): a dropped table, not a million deletes.
-- Then, run by run (each delete pruned to the one partition that could hold the run), any of its rows
-- kept elsewhere.
CREATE OR REPLACE FUNCTION probity_delete_run_scores() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT id FROM gone LOOP
    IF to_regclass(probity_run_scores_table(r.id)) IS NOT NULL THEN
      EXECUTE format('DROP TABLE %s', probity_run_scores_table(r.id));
    END IF;
    DELETE FROM scores WHERE run_id = r.id;
  END LOOP;
  RETURN NULL;
END $$;

-- Folds finished runs' partitions into one (compaction): every partition is planned by a read that
-- cannot prune by run (an exposure's or obligor's history), so hundreds of per-run partitions would
-- cost more in planning than the reads themselves. The runs' rows are copied in (exposure, run) order,
-- both indexes built once, the runs' own partitions dropped and the new one attached for all their run
-- ids, in one transaction (readers see the runs' scores before or after, never neither). Only runs of
-- the caller's organization, finished, each still in its own sealed partition; returns the new table.
CREATE FUNCTION probity_fold_run_scores(runs uuid[]) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  SET maintenance_work_mem = '256MB' AS $$
DECLARE
  name text := 'a_' || replace(gen_random_uuid()::text, '-', '');
  t text := format('score_runs.%I', name);
  r uuid;
  rel regclass;
BEGIN
  IF coalesce(array_length(runs, 1), 0) < 2 THEN RAISE EXCEPTION 'fold at least two runs'; END IF;
  FOREACH r IN ARRAY runs LOOP
    IF NOT EXISTS (SELECT 1 FROM scoring_runs WHERE id = r AND status IN ('SUCCEEDED', 'FAILED')
                   AND organization_id IS NOT DISTINCT FROM coalesce(probity_current_org(), organization_id)) THEN
      RAISE EXCEPTION 'scoring run % is not a finished run of this organization', r;
    END IF;
    rel := to_regclass(probity_run_scores_table(r));
    IF rel IS NULL OR NOT (SELECT relispartition FROM pg_class WHERE oid = rel) THEN
      RAISE EXCEPTION 'scoring run % has no sealed partition of its own', r;
    END IF;
  END LOOP;
  EXECUTE format('CREATE TABLE %s (LIKE public.scores INCLUDING DEFAULTS)', t);
  EXECUTE format('INSERT INTO %s SELECT * FROM public.scores WHERE run_id = ANY(%L::uuid[]) ORDER BY exposure_id, run_id', t, runs);
  EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (exposure_id, run_id)', t, name || '_pkey');
  EXECUTE format('CREATE INDEX %I ON %s (run_id, pd, exposure_id)', name || '_run_id_pd_exposure_id_idx', t);
  FOREACH r IN ARRAY runs LOOP
    EXECUTE format('DROP TABLE %s', probity_run_scores_table(r));
  END LOOP;
  EXECUTE format('ALTER TABLE public.scores ATTACH PARTITION %s FOR VALUES IN (%s)', t,
                 (SELECT string_agg(quote_literal(u), ', ') FROM unnest(runs) u));
  RETURN t;
END $$;

GRANT EXECUTE ON FUNCTION probity_fold_run_scores(uuid[]) TO probity_app;

-- The retention rule, per portfolio: its `keep` latest finished runs keep their own partitions; once
-- `fold` or more older runs have theirs, they are folded, `fold` at a time, oldest first (at most 100
-- to a partition: a partition's list of run ids lives in its pg_class row, which holds about 190). A
-- portfolio so holds at most keep + fold - 1 per-run partitions plus one per fold of its history
-- (nightly with keep 7 and fold 30: about 50 partitions after a year, where unfolded it would be 365).
-- Returns how many runs were folded (0: below the threshold).
CREATE FUNCTION probity_compact_run_scores(portfolio uuid, keep int, fold int) RETURNS int LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $$
DECLARE
  runs uuid[];
  folded int := 0;
BEGIN
  IF keep < 0 OR fold < 2 OR fold > 100 THEN RAISE EXCEPTION 'keep must be at least 0 and fold from 2 to 100'; END IF;
  -- One compaction of a portfolio at a time (two workers finishing runs): the second then finds the
  -- runs folded.
  PERFORM pg_advisory_xact_lock(hashtext('probity_compact_run_scores'), hashtext(portfolio::text));
  SELECT array_agg(id ORDER BY finished_at, id) INTO runs FROM (
    SELECT r.id, r.finished_at, row_number() OVER (ORDER BY r.finished_at DESC, r.id DESC) AS n
      FROM scoring_runs r JOIN pg_class c ON c.oid = to_regclass(probity_run_scores_table(r.id))
     WHERE r.portfolio_id = portfolio AND r.status IN ('SUCCEEDED', 'FAILED') AND c.relispartition
       AND r.organization_id IS NOT DISTINCT FROM coalesce(probity_current_org(), r.organization_id)) t
   WHERE n > keep;
  WHILE coalesce(array_length(runs, 1), 0) >= fold LOOP
    PERFORM probity_fold_run_scores(runs[1:fold]);
    folded := folded + fold;
    runs := runs[fold + 1:];
  END LOOP;
  RETURN folded;
END $$;

GRANT EXECUTE ON FUNCTION probity_compact_run_scores(uuid, int, int) TO probity_app;
