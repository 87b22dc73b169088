-- Hand-written (issue 14). See packages/db/README.md, "Indexes".
--
-- The exposure table joins the latest run's scores when a page sorts or filters by PD or grade. It
-- read them from `scores` directly, under row-level security. The policy's condition (the score's
-- organization is the current one) and the exposures' own (the same of the exposure) then meet in one
-- equivalence, and PostgreSQL gives the exposures' derived tenant condition the policy's rank: conditions
-- built on operators that are not leakproof (ILIKE, enum comparisons) may no longer go into the
-- exposures' index scans. A search sorted by PD read the whole portfolio (520 ms at a million exposures,
-- 0.4 ms through the trigram index), a status and country filter sorted by PD walked the PD index row by
-- row. The table reads the scores through this view instead, as it reads the exposures through
-- tenant_exposures: the view runs as its owner and applies the same tenant condition itself, so the
-- indexes serve.
CREATE VIEW tenant_scores AS
  SELECT * FROM scores WHERE organization_id = probity_current_org();
GRANT SELECT ON tenant_scores TO probity_app;
