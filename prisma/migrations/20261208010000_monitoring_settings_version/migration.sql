-- The watchlist settings get a version, as the other edited objects have (master scale, factor model,
-- stress scenarios): a save names the version it was based on and is refused if another was saved since,
-- so two officers editing at once no longer undo each other unseen. 0 stands for the defaults (no row);
-- a stored row counts from 1.
ALTER TABLE "monitoring_settings" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
