'use client';
// Loading a feature file for the portfolio's exposures or their obligors (keyed by external id, as of a
// day): the shared CSV upload, sent to POST /portfolios/<id>/features through the web server.
import { useState } from 'react';
import { CsvUpload, type UploadIssue } from '../../../../components/upload/csv-upload.tsx';

interface FeatureAnswer {
  load?: { rowCount: number; columns: string[]; level: string };
  error?: { message: string };
  issues?: UploadIssue[];
}

export function UploadFeatures({ portfolioId }: { portfolioId: string }) {
  const [level, setLevel] = useState<'EXPOSURE' | 'OBLIGOR'>('EXPOSURE');
  const [asOf, setAsOf] = useState(() => new Date().toISOString().slice(0, 10));
  return (
    <CsvUpload
      title="Load model data"
      subtitle="A CSV of features keyed by external_id, for the exposures or their obligors, as of a day; up to 256 MB. A file with errors stores nothing."
      fileTestId="features-file"
      blocked="Choose the day the values describe first."
      target={(file) =>
        /^\d{4}-\d{2}-\d{2}$/.test(asOf)
          ? `/api/portfolios/${encodeURIComponent(portfolioId)}/features?level=${level}&asOf=${asOf}&fileName=${encodeURIComponent(file.name)}`
          : null
      }
      outcome={(status, raw) => {
        const body = raw as FeatureAnswer;
        if (status === 201 && body.load) {
          const { load } = body;
          return {
            ok: true,
            message: `Loaded ${load.rowCount.toLocaleString('en-US')} ${load.level === 'OBLIGOR' ? 'obligors' : 'exposures'} with ${load.columns.length} feature(s): ${load.columns.slice(0, 8).join(', ')}${load.columns.length > 8 ? '…' : ''}.`,
            issues: body.issues ?? [],
          };
        }
        return { ok: false, message: body.error?.message ?? `Upload refused (HTTP ${status}).`, issues: body.issues ?? [] };
      }}
    >
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        <label className="field">
          <span className="field__label">Rows are</span>
          <select className="input" value={level} onChange={(e) => setLevel(e.target.value as typeof level)} data-testid="features-level">
            <option value="EXPOSURE">exposures</option>
            <option value="OBLIGOR">obligors</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">As of</span>
          <input className="input" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="features-as-of" />
        </label>
      </div>
    </CsvUpload>
  );
}
