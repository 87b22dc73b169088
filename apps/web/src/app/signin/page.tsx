import type { Metadata } from 'next';
import { connection } from 'next/server';
import { safeCallbackPath } from '../../auth/paths.ts';
import { SignInForm } from './sign-in-form.tsx';

export const metadata: Metadata = { title: 'Sign in' };

const NOTICES: Record<string, string> = {
  'session-ended': 'Your session has ended. Please sign in again.',
  'signed-out': 'You have been signed out.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(typeof params.callbackUrl === 'string' ? params.callbackUrl : undefined);
  const notice = typeof params.reason === 'string' ? NOTICES[params.reason] : undefined;
  return (
    <div className="auth-page">
      <aside className="auth-aside">
        <div className="auth-aside__brand">
          <span className="sidebar__logo">P</span> Probity
        </div>
        <div>
          <p className="auth-aside__headline">Credit risk you can account for.</p>
          <p className="auth-aside__text">
            Portfolio exposure, concentration and default history in one place, with every change recorded in the audit trail.
          </p>
          <ul className="auth-aside__list">
            <li>Exposure at default by segment, sector and obligor</li>
            <li>Role-based access for analysts, risk officers and administrators</li>
            <li>Complete, tamper-evident audit log of every change</li>
          </ul>
        </div>
        <p className="auth-aside__foot">Probity · open-source credit risk platform</p>
      </aside>
      <main className="auth-main">
        <div className="auth-card">
          <div>
            <h1>Sign in</h1>
            <p className="page-header__description">Use your work email and password.</p>
          </div>
          {notice ? (
            <div className="alert alert--info" role="status">
              {notice}
            </div>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      </main>
    </div>
  );
}
