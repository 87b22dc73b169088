'use client';
// The header's organization picker, for users who belong to several: choosing one switches at once.
import { useRef } from 'react';
import { switchOrganizationAction } from './organization-actions.ts';

export interface OrganizationOption {
  organizationId: string;
  organizationName: string;
}

export function OrganizationSwitcher({ current, organizations }: { current: string; organizations: OrganizationOption[] }) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form action={switchOrganizationAction} ref={form} className="inline-form">
      <select
        name="organizationId"
        className="input input--small"
        aria-label="Switch organization"
        data-testid="org-switcher"
        defaultValue={current}
        onChange={() => form.current?.requestSubmit()}
      >
        {organizations.map((o) => (
          <option key={o.organizationId} value={o.organizationId}>
            {o.organizationName}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="btn btn--secondary btn--small">
          Switch
        </button>
      </noscript>
    </form>
  );
}
