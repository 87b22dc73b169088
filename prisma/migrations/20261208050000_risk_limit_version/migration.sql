-- Risk limits get a version, as the other edited objects have (master scale, factor model, stress
-- scenarios, watchlist settings): a set or delete names the version it was based on (0 for a new limit)
-- and is refused if the limit was saved, created or deleted since, so two officers no longer undo each
-- other unseen. Stored limits count from 1.
ALTER TABLE "risk_limits" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
