import type { Metadata } from 'next';
import { query } from '../../../../api/load.ts';
import { MEMBERS } from '../../../../api/documents/members.ts';
import { PageHeader } from '../../../../components/ui/page-header.tsx';
import { RoleBadge } from '../../../../components/ui/badges.tsx';
import { Pager } from '../../../../components/ui/pager.tsx';
import { formatDate, formatDateTime, formatInteger } from '../../../../lib/format.ts';
import { cursorPage, type SearchParams } from '../../../../lib/cursor-page.ts';
import { InviteMemberForm } from './invite-member-form.tsx';
import { MemberActions } from './member-actions.tsx';

export const metadata: Metadata = { title: 'Members' };

const PAGE_SIZE = 50;
const PATH = '/settings/members';

export default async function MembersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const page = cursorPage(await searchParams, PAGE_SIZE);
  const { nodes: members, totalCount, pageInfo } = (await query(MEMBERS, page.variables)).members;
  return (
    <>
      <PageHeader
        title="Members"
        crumbs={[{ label: 'Administration' }, { label: 'Members' }]}
        description="People who can sign in to this organization, and their roles. The organization always keeps at least one enabled admin; every change is audited."
      />
      <div className="stack">
        <InviteMemberForm />
        <section className="card">
          <div className="card__header">
            <h2>Members</h2>
            <span className="card__subtitle">{formatInteger(totalCount)} in total, in the order they joined</span>
          </div>
          <div className="card__body card__body--flush table-wrap">
            <table className="table" data-testid="member-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Joined</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((member) => (
                  <tr key={member.user.id} data-member-email={member.user.email}>
                    <td className="cell-title">
                      {member.user.name}
                      <div className="cell-sub">{member.user.email}</div>
                    </td>
                    <td>
                      <RoleBadge role={member.role} />
                    </td>
                    <td data-testid="member-status">{member.disabled || member.user.disabled ? 'Disabled' : 'Active'}</td>
                    <td>{formatDate(member.joinedAt)}</td>
                    <td className="muted">{member.user.lastLoginAt ? formatDateTime(member.user.lastLoginAt) : 'Never'}</td>
                    <td>
                      <MemberActions userId={member.user.id} name={member.user.name} role={member.role} disabled={member.disabled} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            totalCount={totalCount}
            shown={members.length}
            noun={totalCount === 1 ? 'member' : 'members'}
            {...page.links(PATH, pageInfo)}
          />
        </section>
      </div>
    </>
  );
}
