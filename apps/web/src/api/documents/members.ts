import { graphql } from '../generated/gql.ts';
import type { Role } from '../generated/graphql.ts';
import { allValues } from '../../lib/all-values.ts';

export type { Role, MemberFieldsFragment as MemberRow } from '../generated/graphql.ts';

/** Highest first, as the members page offers them. */
export const ROLE_OPTIONS = allValues<Role>()(['ADMIN', 'RISK_OFFICER', 'ANALYST', 'VIEWER']);

export const MEMBER_FIELDS = graphql(`
  fragment MemberFields on Member {
    role
    disabled
    joinedAt
    user {
      id
      email
      name
      disabled
      lastLoginAt
    }
  }
`);

/** In the order they joined. */
export const MEMBERS = graphql(`
  query Members($first: Int, $after: String, $last: Int, $before: String) {
    members(first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      nodes {
        ...MemberFields
      }
    }
  }
`);

export const INVITE_MEMBER = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      temporaryPassword
      member {
        ...MemberFields
      }
    }
  }
`);

export const CHANGE_MEMBER_ROLE = graphql(`
  mutation ChangeMemberRole($userId: ID!, $role: Role!) {
    changeMemberRole(userId: $userId, role: $role) {
      ...MemberFields
    }
  }
`);

export const SET_MEMBER_DISABLED = graphql(`
  mutation SetMemberDisabled($userId: ID!, $disabled: Boolean!) {
    setMemberDisabled(userId: $userId, disabled: $disabled) {
      ...MemberFields
    }
  }
`);

export const REMOVE_MEMBER = graphql(`
  mutation RemoveMember($userId: ID!) {
    removeMember(userId: $userId) {
      user {
        id
      }
    }
  }
`);

export const CHANGE_MY_PASSWORD = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);
