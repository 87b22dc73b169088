'use client';
// Failures outside a signed-in page's own boundary (e.g. the layout could not reach the API).
import { ErrorState } from '../components/ui/states.tsx';

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="content content--centered">
      <div className="card">
        <ErrorState
          title="Probity is temporarily unavailable"
          actions={
            <>
              <button type="button" className="btn btn--secondary" onClick={() => reset()}>
                Try again
              </button>
              <a className="btn btn--ghost" href="/signin">
                Sign in again
              </a>
            </>
          }
        >
          <p>The risk service did not answer. Please try again in a moment.</p>
          {error.digest ? (
            <p className="cell-sub">
              Reference: <code>{error.digest}</code>
            </p>
          ) : null}
        </ErrorState>
      </div>
    </main>
  );
}
