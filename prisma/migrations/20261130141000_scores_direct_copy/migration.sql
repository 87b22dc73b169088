-- Scores straight in by COPY (issue 10): the batch writer leaves organization_id out and gets the
-- tenant setting as its default (see packages/db/src/scoring/batch-io.ts); the organization index served
-- no reader (every query on scores names a run or an exposure) and cost one more insert per row; each
-- batch keeps its figures per grade so the last one no longer joins every score with its exposure.

-- DropIndex
DROP INDEX "scores_organization_id_idx";

-- AlterTable
ALTER TABLE "scores" ALTER COLUMN "organization_id" SET DEFAULT probity_current_org();

-- AlterTable
ALTER TABLE "scoring_batches" ADD COLUMN     "grade_sums" JSONB;
