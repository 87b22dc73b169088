-- Lighter score rows (issue 10): most of a re-scoring run's time is the write of its scores, and most
-- of that is index upkeep and WAL. The input hash is stored as its 32 bytes (was 64 hex characters), and
-- the primary key leads with the exposure, so it serves the exposure's and obligor's score history as
-- well: the separate (exposure_id) index, a third index written per score, goes. One score per run and
-- exposure is still the primary key; reads by run use (run_id, pd, exposure_id).

-- AlterTable
ALTER TABLE "scores" ALTER COLUMN "input_hash" SET DATA TYPE BYTEA USING decode("input_hash", 'hex');

-- DropIndex
DROP INDEX "scores_exposure_id_idx";

-- AlterTable
ALTER TABLE "scores" DROP CONSTRAINT "scores_pkey",
ADD CONSTRAINT "scores_pkey" PRIMARY KEY ("exposure_id", "run_id");
