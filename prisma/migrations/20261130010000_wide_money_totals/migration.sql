-- Snapshot totals as wide as the summary's: numeric(38,2) cannot overflow (an EAD is below 1e16, a table
-- holds fewer than 2^63 rows). Widening keeps every stored value.
-- AlterTable
ALTER TABLE "portfolio_snapshots" ALTER COLUMN "total_ead" SET DATA TYPE DECIMAL(38,2),
ALTER COLUMN "total_limit" SET DATA TYPE DECIMAL(38,2),
ALTER COLUMN "total_loss_given_default" SET DATA TYPE DECIMAL(38,2),
ALTER COLUMN "defaulted_ead" SET DATA TYPE DECIMAL(38,2);
