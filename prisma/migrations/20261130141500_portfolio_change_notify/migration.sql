-- Every API process caches the portfolio rows it read under row-level security (apps/api portfolio
-- cache, keyed by organization and id) and LISTENs on probity_portfolios: any change to a portfolio
-- row, its data_version included (bumped by every change to its exposures or obligors), or its
-- deletion notifies every process at the transaction's commit with the portfolio's id, and each drops
-- that entry. TRUNCATE notifies '*' (drop everything).
CREATE FUNCTION probity_notify_portfolio_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('probity_portfolios', '*');
  ELSE
    PERFORM pg_notify('probity_portfolios', OLD.id::text);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER portfolios_notify_change AFTER UPDATE OR DELETE ON portfolios
  FOR EACH ROW EXECUTE FUNCTION probity_notify_portfolio_change();
CREATE TRIGGER portfolios_notify_truncate AFTER TRUNCATE ON portfolios
  FOR EACH STATEMENT EXECUTE FUNCTION probity_notify_portfolio_change();
