-- A lighter score record (issue 10): what is the same for every score of a run is kept once, on the run.
-- The model version and as-of were copied into every score (the run has both); they go, and readers
-- join the run. A score's reasons were the explanation units' names (text[], about 140 bytes a score);
-- they become small integer codes into the run's unit list (`scoring_runs.reason_units`, the model
-- version's units in its scorer's order, written once by the run's batches), a smallint[] of 34 bytes.
-- The PD stays float8 (bit-exact reproducibility) and the input hash stays.

-- AlterTable
ALTER TABLE "scoring_runs" ADD COLUMN "reason_units" TEXT[];

-- The parent's new column reaches its attached partitions; a running run's open partition is a plain
-- table of its own and gets it by hand. Every run's unit list is what its scores named (sorted), and
-- each score's names become their places in that list.
ALTER TABLE "scores" ADD COLUMN "reason_codes" SMALLINT[];
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT c.oid::regclass AS rel, c.relispartition FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'score_runs' AND c.relkind = 'r' LOOP
    IF NOT t.relispartition THEN
      EXECUTE format('ALTER TABLE %s ADD COLUMN reason_codes smallint[]', t.rel);
    END IF;
    EXECUTE format('UPDATE scoring_runs r SET reason_units = u.units FROM (
                      SELECT run_id, array_agg(DISTINCT f ORDER BY f) AS units FROM %s, unnest(reason_features) f GROUP BY run_id) u
                    WHERE u.run_id = r.id', t.rel);
    EXECUTE format('UPDATE %s s SET reason_codes = (SELECT array_agg((array_position(r.reason_units, x.f) - 1)::smallint ORDER BY x.o)
                      FROM unnest(s.reason_features) WITH ORDINALITY x(f, o))
                    FROM scoring_runs r WHERE r.id = s.run_id AND s.reason_features IS NOT NULL', t.rel);
    IF NOT t.relispartition THEN
      EXECUTE format('ALTER TABLE %s DROP COLUMN reason_features, DROP COLUMN model_version_id, DROP COLUMN as_of', t.rel);
    END IF;
  END LOOP;
END $$;

-- AlterTable
ALTER TABLE "scores" DROP COLUMN "reason_features",
DROP COLUMN "model_version_id",
DROP COLUMN "as_of";
