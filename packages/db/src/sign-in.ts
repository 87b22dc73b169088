// A narrow entry point for the web app, which bundles its server code with Next.js: the client and
// the password check only, without the migrations runner and seed (whose file-system paths a
// bundler cannot follow).
export { createDatabase, type Database, type DatabaseOptions } from './client.ts';
export {
  signInWithPassword,
  LOGIN_THROTTLE,
  type SignInResult,
  type AuthenticatedUser,
  type MembershipView,
} from './repositories/identity.ts';
export {
  startSession,
  endSession,
  sessionView,
  switchSessionOrganization,
  type SessionView,
  type SessionOrganization,
} from './repositories/sessions.ts';
