'use client';
// A card holding one chart (or table) with its exports: CSV of the data behind it and, for charts,
// a PNG of the drawing. Risk committee packs paste either.
import { useRef, useState, type ReactNode } from 'react';
import { download, downloadCsv, svgToPng, type CsvCell } from '../../lib/chart-export.ts';

export function ExportCard({
  title,
  subtitle,
  filename,
  csv,
  png = true,
  testId,
  actions,
  children,
}: {
  title: string;
  subtitle?: string;
  /** Without extension. */
  filename: string;
  csv: { headers: string[]; rows: CsvCell[][] };
  png?: boolean;
  testId?: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const exportPng = async () => {
    setError(null);
    try {
      if (body.current) download(`${filename}.png`, await svgToPng(body.current));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section className="card" data-testid={testId}>
      <div className="card__header">
        <h2>{title}</h2>
        <div className="card__actions">
          {subtitle ? <span className="card__subtitle">{subtitle}</span> : null}
          {actions}
          <button type="button" className="btn btn--small btn--ghost" onClick={() => downloadCsv(`${filename}.csv`, csv.headers, csv.rows)}>
            CSV
          </button>
          {png ? (
            <button type="button" className="btn btn--small btn--ghost" onClick={() => void exportPng()}>
              PNG
            </button>
          ) : null}
        </div>
      </div>
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="card__body" ref={body}>
        {children}
      </div>
    </section>
  );
}
