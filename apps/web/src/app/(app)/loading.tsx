// Shown while a signed-in page waits for the API.
export default function Loading() {
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
