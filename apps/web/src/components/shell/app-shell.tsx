// The frame of every signed-in page: sidebar navigation and a header naming the organization, the
// user and their role. Links appear only for what the API says the caller may do; the pages and the
// API check again.
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Viewer } from '../../api/documents/identity.ts';
import { AuditIcon, KeyIcon, PortfolioIcon } from '../ui/icons.tsx';
import { RoleBadge } from '../ui/badges.tsx';
import { NavLink } from './nav-link.tsx';
import { SignOutButton } from './sign-out-button.tsx';
import { OrganizationSwitcher, type OrganizationOption } from './organization-switcher.tsx';

function initials(name: string): string {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase() ?? '')
      .join('') || '?'
  );
}

export function AppShell({
  viewer,
  organizations,
  children,
}: {
  viewer: Viewer;
  organizations: OrganizationOption[];
  children: ReactNode;
}) {
  const canAudit = viewer.permissions.includes('audit:read');
  const canManageKeys = viewer.permissions.includes('apiKey:manage');
  const canManageMembers = viewer.permissions.includes('user:manage');
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link href="/portfolios" className="sidebar__brand">
          <span className="sidebar__logo">P</span> Probity
        </Link>
        <div className="sidebar__section">Risk</div>
        <nav className="sidebar__nav" aria-label="Main">
          <NavLink href="/portfolios">
            <PortfolioIcon /> Portfolios
          </NavLink>
          <NavLink href="/watchlist">
            <AuditIcon /> Watchlist
          </NavLink>
          <NavLink href="/models">
            <PortfolioIcon /> Models
          </NavLink>
          <NavLink href="/datasets">
            <PortfolioIcon /> Datasets
          </NavLink>
          <NavLink href="/master-scale">
            <PortfolioIcon /> Master scale
          </NavLink>
          <NavLink href="/risk-model">
            <PortfolioIcon /> Risk factor model
          </NavLink>
          {canAudit ? (
            <NavLink href="/audit">
              <AuditIcon /> Audit log
            </NavLink>
          ) : null}
        </nav>
        {canManageKeys || canManageMembers ? (
          <>
            <div className="sidebar__section">Administration</div>
            <nav className="sidebar__nav" aria-label="Administration">
              {canManageKeys ? (
                <NavLink href="/settings/api-keys">
                  <KeyIcon /> API keys
                </NavLink>
              ) : null}
              {canManageMembers ? (
                <NavLink href="/settings/members">
                  <KeyIcon /> Members
                </NavLink>
              ) : null}
            </nav>
          </>
        ) : null}
        <div className="sidebar__section">Account</div>
        <nav className="sidebar__nav" aria-label="Account">
          <NavLink href="/settings/password">
            <KeyIcon /> Password
          </NavLink>
        </nav>
        <div className="sidebar__footer">{viewer.organization.name}</div>
      </aside>
      <div className="main">
        <header className="header">
          <div className="header__org">
            <span className="header__org-label">Organization</span>
            {organizations.length > 1 ? <OrganizationSwitcher current={viewer.organization.id} organizations={organizations} /> : null}
            <span data-testid="org-name" className={organizations.length > 1 ? 'visually-hidden' : undefined}>
              {viewer.organization.name}
            </span>
          </div>
          <div className="header__user">
            <RoleBadge role={viewer.role} />
            <div className="header__identity">
              <span className="header__name" data-testid="user-name">
                {viewer.name}
              </span>
              {viewer.email ? <span className="header__email">{viewer.email}</span> : null}
            </div>
            <span className="avatar" aria-hidden="true">
              {initials(viewer.name)}
            </span>
            <SignOutButton />
          </div>
        </header>
        <main className="content" id="content">
          {children}
        </main>
      </div>
    </div>
  );
}
