import { graphql } from '../generated/gql.ts';
import type { MeQuery } from '../generated/graphql.ts';

export type Viewer = MeQuery['me'];

export const ME = graphql(`
  query Me {
    me {
      id
      kind
      name
      email
      role
      permissions
      organization {
        id
        name
        slug
      }
    }
  }
`);
