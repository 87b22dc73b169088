-- AlterTable
ALTER TABLE "exposures" ADD COLUMN     "pd_at_origination" DECIMAL(7,6);
