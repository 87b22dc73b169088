import { graphql } from '../document.ts';
import type { Role } from './common.ts';

export interface Viewer {
  id: string;
  kind: 'USER' | 'API_KEY' | 'SYSTEM';
  name: string;
  email: string | null;
  role: Role;
  permissions: string[];
  organization: { id: string; name: string; slug: string };
}

export const ME = graphql<{ me: Viewer }>(`
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
