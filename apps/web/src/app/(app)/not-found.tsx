import Link from 'next/link';
import { NotFoundState } from '../../components/ui/states.tsx';

export default function NotFound() {
  return (
    <div className="card">
      <NotFoundState
        title="Not found"
        actions={
          <Link className="btn btn--secondary" href="/portfolios">
            Back to portfolios
          </Link>
        }
      >
        <p>This item does not exist, or it is not part of your organization.</p>
      </NotFoundState>
    </div>
  );
}
