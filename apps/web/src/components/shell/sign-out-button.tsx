'use client';
import { useState } from 'react';
import { signOut } from 'next-auth/react';
import { SignOutIcon } from '../ui/icons.tsx';

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="btn btn--ghost btn--small"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signOut({ redirect: false }).then(
          () => window.location.assign('/signin?reason=signed-out'),
          () => setPending(false), // the sign-in service did not answer: let the user try again
        );
      }}
    >
      <SignOutIcon /> Sign out
    </button>
  );
}
