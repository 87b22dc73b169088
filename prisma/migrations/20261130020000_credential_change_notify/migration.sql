-- Every API process caches verified credentials for a few seconds (apps/api credential cache) and
-- LISTENs on probity_credentials: a change that can end someone's access (a key revoked, expired or
-- re-scoped, a user disabled or re-passworded, a membership changed or removed) notifies every process
-- in the same transaction's commit, and each drops its cache. last_used_at and last_login_at
-- bookkeeping does not notify.
CREATE FUNCTION probity_notify_credential_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Bookkeeping columns alone (last use, last sign-in, updated_at) change no one's access.
  IF TG_OP = 'UPDATE'
     AND to_jsonb(OLD) - 'last_used_at' - 'last_login_at' - 'updated_at' = to_jsonb(NEW) - 'last_used_at' - 'last_login_at' - 'updated_at' THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('probity_credentials', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_notify_credential_change AFTER UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION probity_notify_credential_change();
CREATE TRIGGER users_notify_credential_change AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION probity_notify_credential_change();
CREATE TRIGGER memberships_notify_credential_change AFTER UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION probity_notify_credential_change();
