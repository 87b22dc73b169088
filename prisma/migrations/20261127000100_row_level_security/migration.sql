-- Tenant isolation inside PostgreSQL, the second line of defence behind the data-access layer.
--
-- Application queries run inside a transaction that does
--   SELECT set_config('role', 'probity_app', true), set_config('probity.org_id', '<uuid>', true)
-- so they execute as the unprivileged role probity_app, which is subject to the policies below.
-- With no organization set (or a wrong one) every tenant table reads as empty and writes are refused.
-- System work (migrations, sign-in lookups, the scheduler enumerating organizations, the seed) runs as
-- the connecting owner role, which row-level security does not apply to.

DO $$
BEGIN
  CREATE ROLE probity_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
EXCEPTION WHEN duplicate_object THEN
  NULL; -- roles are cluster-wide: another Probity database on this server created it already
END
$$;

-- Lets a non-superuser owner switch into the role (superusers may anyway).
GRANT probity_app TO CURRENT_USER;

CREATE FUNCTION probity_current_org() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('probity.org_id', true), '')::uuid $$;

GRANT USAGE ON SCHEMA public TO probity_app;
GRANT EXECUTE ON FUNCTION probity_current_org() TO probity_app;

GRANT SELECT, UPDATE ON organizations TO probity_app;
GRANT SELECT ON users TO probity_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships, api_keys, portfolios, obligors, exposures, portfolio_snapshots TO probity_app;
-- The audit trail is append-only for the application.
GRANT SELECT, INSERT ON audit_logs TO probity_app;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE portfolios ENABLE ROW LEVEL SECURITY;
ALTER TABLE obligors ENABLE ROW LEVEL SECURITY;
ALTER TABLE exposures ENABLE ROW LEVEL SECURITY;
ALTER TABLE portfolio_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON organizations TO probity_app
  USING (id = probity_current_org()) WITH CHECK (id = probity_current_org());
-- A user is visible to a tenant only through a membership of that tenant (memberships is itself filtered).
CREATE POLICY tenant_members ON users TO probity_app
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id));
CREATE POLICY tenant_isolation ON memberships TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON api_keys TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON portfolios TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON obligors TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON exposures TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON portfolio_snapshots TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
CREATE POLICY tenant_isolation ON audit_logs TO probity_app
  USING (organization_id = probity_current_org()) WITH CHECK (organization_id = probity_current_org());
