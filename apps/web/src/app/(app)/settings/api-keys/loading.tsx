// Shown while this page waits for the API. Placed below the checks that decide 403/404, so those
// still set the HTTP status before anything streams.
import { PageSkeleton } from '../../../../components/ui/page-skeleton.tsx';

export default function Loading() {
  return <PageSkeleton />;
}
