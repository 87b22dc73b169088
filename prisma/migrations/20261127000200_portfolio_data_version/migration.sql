-- AlterTable
ALTER TABLE "portfolios" ADD COLUMN     "data_version" BIGINT NOT NULL DEFAULT 0;

-- Every change to a portfolio's exposures, or to an obligor it lends to, bumps the portfolio's
-- data_version once per statement (transition tables), whoever writes: the API, a bulk load, a job.
CREATE FUNCTION probity_bump_portfolio_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'exposures' THEN
    IF TG_OP = 'INSERT' THEN
      UPDATE portfolios SET data_version = data_version + 1 WHERE id IN (SELECT DISTINCT portfolio_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
      UPDATE portfolios SET data_version = data_version + 1 WHERE id IN (SELECT DISTINCT portfolio_id FROM old_rows);
    ELSE
      UPDATE portfolios SET data_version = data_version + 1
       WHERE id IN (SELECT portfolio_id FROM new_rows UNION SELECT portfolio_id FROM old_rows);
    END IF;
  ELSE -- obligors: name, segment, sector and country feed the summary
    UPDATE portfolios SET data_version = data_version + 1
     WHERE id IN (SELECT DISTINCT e.portfolio_id FROM exposures e JOIN new_rows n ON n.id = e.obligor_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER exposures_bump_version_insert AFTER INSERT ON exposures
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_bump_portfolio_versions();
CREATE TRIGGER exposures_bump_version_update AFTER UPDATE ON exposures
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_bump_portfolio_versions();
CREATE TRIGGER exposures_bump_version_delete AFTER DELETE ON exposures
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_bump_portfolio_versions();
CREATE TRIGGER obligors_bump_version_update AFTER UPDATE ON obligors
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION probity_bump_portfolio_versions();
