// The exposure table's score cells: PD and grade of the latest scoring run, and the change since the
// exposure's previous run (PD in percentage points; the grade it came from when it moved).
import { formatPercent } from '../../lib/format.ts';

interface ScoreCell {
  pd: number;
  grade: string;
}

export function PdCells({ score, previous }: { score: ScoreCell | null; previous: ScoreCell | null }) {
  if (!score) {
    return (
      <>
        <td className="num muted">—</td>
        <td className="muted">not scored</td>
        <td className="num muted">—</td>
      </>
    );
  }
  const change = previous ? score.pd - previous.pd : null;
  const points = change === null ? null : change * 100;
  return (
    <>
      <td className="num" data-pd={score.pd}>
        {formatPercent(score.pd, 2)}
      </td>
      <td data-grade={score.grade}>
        <span className="badge">{score.grade}</span>
        {previous && previous.grade !== score.grade ? <span className="cell-sub"> from {previous.grade}</span> : null}
      </td>
      <td
        className={`num${points !== null && points > 0 ? ' pd-up' : ''}`}
        title={previous ? `Previous PD ${formatPercent(previous.pd, 2)}` : 'First score'}
      >
        {points === null ? (
          <span className="muted">new</span>
        ) : (
          `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(2)} pp`
        )}
      </td>
    </>
  );
}
