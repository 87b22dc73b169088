'use client';
// Any unexpected failure while rendering a signed-in page. The digest matches the server's log line
// (which also carries the API's request id), so support can find the cause.
import { ErrorState } from '../../components/ui/states.tsx';

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card">
      <ErrorState
        title="This page could not be loaded"
        actions={
          <button type="button" className="btn btn--secondary" onClick={() => reset()}>
            Try again
          </button>
        }
      >
        <p>The risk service did not answer as expected. Your data is safe; please try again in a moment.</p>
        {error.digest ? (
          <p className="cell-sub">
            Reference: <code>{error.digest}</code>
          </p>
        ) : null}
      </ErrorState>
    </div>
  );
}
