-- AlterTable
ALTER TABLE "exposures" ADD COLUMN     "defaulted_on" DATE;

-- Hand-written: the default date follows the status, whoever writes it (the API, bulk loads, SQL).
-- Row triggers fire only for rows that are or turn DEFAULTED, so loads of performing exposures pay nothing.
CREATE FUNCTION probity_exposure_defaulted_on() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A date the writer gives is kept; otherwise the default happened today (a re-default after a cure
  -- moves the date: back-testing counts the latest default).
  IF TG_OP = 'INSERT' THEN
    IF NEW.defaulted_on IS NULL THEN NEW.defaulted_on := current_date; END IF;
  ELSIF NEW.defaulted_on IS NOT DISTINCT FROM OLD.defaulted_on THEN
    NEW.defaulted_on := current_date;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER exposures_defaulted_on_insert BEFORE INSERT ON exposures
  FOR EACH ROW WHEN (NEW.status = 'DEFAULTED') EXECUTE FUNCTION probity_exposure_defaulted_on();
CREATE TRIGGER exposures_defaulted_on_update BEFORE UPDATE OF status ON exposures
  FOR EACH ROW WHEN (NEW.status = 'DEFAULTED' AND OLD.status IS DISTINCT FROM 'DEFAULTED') EXECUTE FUNCTION probity_exposure_defaulted_on();

-- Exposures defaulted before this migration: their last change is the best date there is.
UPDATE exposures SET defaulted_on = updated_at::date WHERE status = 'DEFAULTED' AND defaulted_on IS NULL;
