-- Hand-written (issue 10, re-scoring at half the COPY rate). A large run's partition is itself split
-- by exposure id into parts at batch boundaries, so that its indexes are built part by part while the
-- run goes on: the batch that completes a part builds that part's two indexes (about a quarter of the
-- run's sort each), and the run's last batch builds only its own part's, then gives the run's table
-- its primary key and PD index (PostgreSQL finds the parts' matching indexes and attaches them, no
-- rebuild) and attaches the table to `scores`. Sealing a million scores in one go had been 1.3 to 2.3 s
-- of every run with nothing else running. A run of one part (fewer batches than two parts' worth) keeps
-- the plain, unsplit table of before; so does every run planned before this migration.

-- Batches per part of the run's partition; null: one plain partition (small runs, and runs planned
-- before this migration).
ALTER TABLE scoring_runs ADD COLUMN batches_per_part INTEGER;

-- A part of a run's partition: parts are numbered from 0 in exposure id order.
CREATE FUNCTION probity_run_scores_part(run uuid, part int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format('score_runs.%I', 'r_' || replace(run::text, '-', '') || '_' || part)
$$;

-- Refuses a run that is not the calling organization's (none set: the owner's maintenance, any run):
-- the check every function of a run's partition makes before its DDL. Internal.
CREATE FUNCTION probity_check_run_of_caller(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM scoring_runs WHERE id = run AND organization_id IS NOT DISTINCT FROM
                 coalesce(probity_current_org(), organization_id)) THEN
    RAISE EXCEPTION 'scoring run % not found', run;
  END IF;
END $$;
REVOKE ALL ON FUNCTION probity_check_run_of_caller(uuid) FROM PUBLIC;

-- Opens a run's partition in parts: `bounds` are the first exposure ids of parts 1 and on (part 0 starts
-- below every id, the last part runs above every id). No bounds: the plain partition (run_scores_checked).
-- The CHECK on the run id is inherited by every part, so attaching still scans no row.
CREATE FUNCTION probity_open_run_scores(run uuid, bounds uuid[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $$
DECLARE
  t text := probity_run_scores_table(run);
  n int := coalesce(array_length(bounds, 1), 0);
BEGIN
  IF n = 0 THEN
    PERFORM probity_open_run_scores(run);
    RETURN;
  END IF;
  PERFORM probity_check_run_of_caller(run);
  IF to_regclass(t) IS NOT NULL THEN RETURN; END IF;
  EXECUTE format('CREATE TABLE %s (LIKE public.scores INCLUDING DEFAULTS) PARTITION BY RANGE (exposure_id)', t);
  EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (run_id = %L::uuid)', t, 'r_' || replace(run::text, '-', '') || '_run', run);
  FOR k IN 0..n LOOP
    EXECUTE format('CREATE TABLE %s PARTITION OF %s FOR VALUES FROM (%s) TO (%s)', probity_run_scores_part(run, k), t,
                   CASE WHEN k = 0 THEN 'MINVALUE' ELSE quote_literal(bounds[k]) END,
                   CASE WHEN k = n THEN 'MAXVALUE' ELSE quote_literal(bounds[k + 1]) END);
  END LOOP;
END $$;

-- Builds one table's two indexes (a part, or a plain partition), unless it has its primary key already.
-- Internal: callers check the run's organization.
CREATE FUNCTION probity_index_run_scores(rel regclass) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public SET maintenance_work_mem = '256MB' AS $$
DECLARE
  name text := (SELECT relname FROM pg_class WHERE oid = rel);
BEGIN
  EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', rel);
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = rel AND contype = 'p') THEN RETURN; END IF;
  EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (exposure_id, run_id)', rel, name || '_pkey');
  EXECUTE format('CREATE INDEX %I ON %s (run_id, pd, exposure_id)', name || '_run_id_pd_exposure_id_idx', rel);
END $$;
REVOKE ALL ON FUNCTION probity_index_run_scores(regclass) FROM PUBLIC;

-- Seals one part of a run's partition (its indexes), called by the batch that completes the part; a
-- second call finds it sealed.
CREATE FUNCTION probity_seal_run_scores_part(run uuid, part int) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public SET max_parallel_maintenance_workers = 0 AS $$
DECLARE
  rel regclass := to_regclass(probity_run_scores_part(run, part));
BEGIN
  PERFORM probity_check_run_of_caller(run);
  IF rel IS NULL THEN RAISE EXCEPTION 'scoring run % has no part %', run, part; END IF;
  PERFORM probity_index_run_scores(rel);
END $$;

-- Seals a run's partition: a plain one as before (both indexes built, then attached); one in parts has
-- any part not yet sealed (a failed run's) sealed, the parts' indexes attached to the table's own, and
-- the table attached. A second call finds it attached.
CREATE OR REPLACE FUNCTION probity_seal_run_scores(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public SET maintenance_work_mem = '256MB' AS $$
DECLARE
  t text := probity_run_scores_table(run);
  rel regclass := to_regclass(probity_run_scores_table(run));
  name text := 'r_' || replace(run::text, '-', '');
  part regclass;
BEGIN
  PERFORM probity_check_run_of_caller(run);
  IF rel IS NULL THEN RETURN; END IF;
  EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', t);
  IF (SELECT relispartition FROM pg_class WHERE oid = rel) THEN RETURN; END IF;
  IF (SELECT relkind FROM pg_class WHERE oid = rel) = 'p' THEN
    FOR part IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = rel ORDER BY inhrelid LOOP
      PERFORM probity_index_run_scores(part);
    END LOOP;
    -- Every part has both indexes: these two statements attach them, building nothing.
    EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I PRIMARY KEY (exposure_id, run_id)', t, name || '_pkey');
    EXECUTE format('CREATE INDEX %I ON %s (run_id, pd, exposure_id)', name || '_run_id_pd_exposure_id_idx', t);
  ELSE
    PERFORM probity_index_run_scores(rel);
  END IF;
  EXECUTE format('ALTER TABLE public.scores ATTACH PARTITION %s FOR VALUES IN (%L)', t, run);
END $$;

GRANT EXECUTE ON FUNCTION probity_open_run_scores(uuid, uuid[]), probity_seal_run_scores_part(uuid, int) TO probity_app;
