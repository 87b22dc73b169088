// Empty, error and "not allowed" states: every list and page has something useful to say when there
// is nothing to show.
import type { ReactNode } from 'react';
import { AlertIcon, InboxIcon, LockIcon, CompassIcon } from './icons.tsx';

interface StateProps {
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
}

function State({ icon, title, children, actions, role }: StateProps & { icon: ReactNode; role?: 'alert' | 'status' }) {
  return (
    <div className="state" role={role}>
      <div className="state__icon">{icon}</div>
      <p className="state__title">{title}</p>
      {children ? <div>{children}</div> : null}
      {actions ? <div className="state__actions">{actions}</div> : null}
    </div>
  );
}

export const EmptyState = (props: StateProps) => <State icon={<InboxIcon />} role="status" {...props} />;
export const ErrorState = (props: StateProps) => <State icon={<AlertIcon />} role="alert" {...props} />;
export const ForbiddenState = (props: StateProps) => <State icon={<LockIcon />} role="alert" {...props} />;
export const NotFoundState = (props: StateProps) => <State icon={<CompassIcon />} role="alert" {...props} />;
