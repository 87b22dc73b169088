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
      onClick={async () => {
        setPending(true);
        await signOut({ redirect: false });
        window.location.assign('/signin?reason=signed-out');
      }}
    >
      <SignOutIcon /> Sign out
    </button>
  );
}
