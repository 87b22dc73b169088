-- Scores at COPY speed (issue 10): no per-row foreign-key checks and a compact explanation.

-- DropForeignKey
ALTER TABLE "scores" DROP CONSTRAINT "scores_exposure_id_fkey";

-- DropForeignKey
ALTER TABLE "scores" DROP CONSTRAINT "scores_run_id_fkey";

-- AlterTable
ALTER TABLE "scores" ADD COLUMN     "reason_features" TEXT[],
ADD COLUMN     "reason_values" DOUBLE PRECISION[];

-- Hand-written: scores written before this migration keep their explanation (jsonb to the two arrays).
UPDATE scores SET
  reason_features = ARRAY(SELECT c->>'feature' FROM jsonb_array_elements(contributions) WITH ORDINALITY AS e(c, i) ORDER BY i),
  reason_values = ARRAY(SELECT (c->>'contribution')::float8 FROM jsonb_array_elements(contributions) WITH ORDINALITY AS e(c, i) ORDER BY i);

ALTER TABLE "scores" DROP COLUMN "contributions";

-- Hand-written: what the two foreign keys' ON DELETE CASCADE did, once per statement instead of a check
-- per inserted score (security definer: the tenant role may only SELECT and INSERT scores).
CREATE FUNCTION probity_delete_run_scores() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM scores WHERE run_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;
CREATE TRIGGER scoring_runs_delete_scores AFTER DELETE ON scoring_runs
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION probity_delete_run_scores();

CREATE FUNCTION probity_delete_exposure_scores() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  DELETE FROM scores WHERE exposure_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;
CREATE TRIGGER exposures_delete_scores AFTER DELETE ON exposures
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION probity_delete_exposure_scores();
