// Placeholder while a signed-in page waits for the API (used by the loading.tsx files).
export function PageSkeleton() {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading">
      <div className="skeleton skeleton--title" />
      <div className="kpi-grid">
        {[0, 1, 2, 3].map((key) => (
          <div key={key} className="skeleton skeleton--kpi" />
        ))}
      </div>
      <div className="skeleton skeleton--block" />
    </div>
  );
}
