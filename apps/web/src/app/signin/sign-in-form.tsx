'use client';
// Posts the credentials to next-auth. Wrong password, unknown account, disabled account and a
// throttled account all produce the same message: nothing here tells an attacker which it was.
import { TEXT_LIMITS } from '@probity/db/limits';
import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { formText } from '../../lib/form-state.ts';

export const SIGN_IN_FAILED = 'Sign-in failed. Check your email and password and try again.';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: formText(form, 'email'),
        password: formText(form, 'password'),
        redirect: false,
      });
      if (!result || result.error || !result.ok) {
        setError(SIGN_IN_FAILED);
        setPending(false);
        return;
      }
      // A full navigation, so every server component renders with the new session cookie.
      window.location.assign(callbackUrl);
    } catch {
      setError('The sign-in service is not reachable. Please try again in a moment.');
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      className="stack"
      noValidate={false}
      aria-describedby={error ? 'signin-error' : undefined}
    >
      {error ? (
        <div className="alert alert--error" role="alert" id="signin-error" data-testid="signin-error">
          {error}
        </div>
      ) : null}
      <label className="field">
        <span className="field__label">Email</span>
        <input className="input" type="email" name="email" autoComplete="username" required maxLength={TEXT_LIMITS.email} autoFocus />
      </label>
      <label className="field">
        <span className="field__label">Password</span>
        <input
          className="input"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          maxLength={TEXT_LIMITS.password}
        />
      </label>
      <button className="btn btn--primary" type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
