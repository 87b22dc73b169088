import Link from 'next/link';
import { ForbiddenState } from '../../components/ui/states.tsx';

export default function Forbidden() {
  return (
    <div className="card" data-testid="forbidden">
      <ForbiddenState
        title="You do not have access to this page"
        actions={
          <Link className="btn btn--secondary" href="/portfolios">
            Back to portfolios
          </Link>
        }
      >
        <p>Your role does not include this area. Ask an administrator of your organization if you need access.</p>
      </ForbiddenState>
    </div>
  );
}
