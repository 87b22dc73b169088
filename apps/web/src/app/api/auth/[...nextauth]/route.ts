// next-auth's endpoints (sign-in callback, CSRF token, session, sign-out). Options are built per
// request so the environment is validated when the server first serves, not at build time.
import NextAuth from 'next-auth';
import { authOptions } from '../../../../auth/options.ts';

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler: Handler = (request, context) => (NextAuth(authOptions()) as unknown as Handler)(request, context);

export { handler as GET, handler as POST };
