-- A run's partition is opened with a CHECK that every row is the run's (instant on the empty table, one
-- comparison per row COPY writes), so sealing attaches it without a scan of its rows: PostgreSQL skips
-- the scan when the table's constraints imply the partition constraint. Partitions opened before this
-- migration have no such CHECK and are scanned at attach as before.
CREATE OR REPLACE FUNCTION probity_open_run_scores(run uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  t text := probity_run_scores_table(run);
BEGIN
  IF NOT EXISTS (SELECT 1 FROM scoring_runs WHERE id = run AND organization_id IS NOT DISTINCT FROM
                 coalesce(probity_current_org(), organization_id)) THEN
    RAISE EXCEPTION 'scoring run % not found', run;
  END IF;
  IF to_regclass(t) IS NOT NULL THEN RETURN; END IF;
  EXECUTE format('CREATE TABLE %s (LIKE public.scores INCLUDING DEFAULTS)', t);
  EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I CHECK (run_id = %L::uuid)', t, 'r_' || replace(run::text, '-', '') || '_run', run);
END $$;
