'use client';
// Last resort when even the root layout fails: plain markup, no shared components.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main className="content">
          <h1>Probity is temporarily unavailable</h1>
          <p>Please try again in a moment.</p>
          <button type="button" className="btn btn--secondary" onClick={() => reset()}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
