import Link from 'next/link';
import { NotFoundState } from '../components/ui/states.tsx';

export default function NotFound() {
  return (
    <main className="content content--centered">
      <div className="card">
        <NotFoundState
          title="Page not found"
          actions={
            <Link className="btn btn--secondary" href="/portfolios">
              Go to portfolios
            </Link>
          }
        >
          <p>The address may be mistyped, or the page has moved.</p>
        </NotFoundState>
      </div>
    </main>
  );
}
