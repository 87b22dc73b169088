'use client';
// The dataset upload: a name, then the shared CSV upload (progress bar, validation report).
import { useState } from 'react';
import { CsvUpload, type UploadIssue } from '../../../components/upload/csv-upload.tsx';

interface DatasetAnswer {
  dataset?: { name: string; rowCount: number };
  duplicate?: boolean;
  error?: { message: string };
  report?: { issues: UploadIssue[] };
}

export function UploadDataset() {
  const [name, setName] = useState('');
  return (
    <CsvUpload
      title="Upload a dataset"
      subtitle="CSV with a default flag column; up to 200 MB. A file with errors is not stored."
      fileTestId="dataset-file"
      target={(file) => `/api/datasets/upload?name=${encodeURIComponent(name.trim() || file.name.replace(/\.csv$/i, ''))}`}
      outcome={(status, raw) => {
        const body = raw as DatasetAnswer;
        if ((status === 200 || status === 201) && body.dataset) {
          const ds = body.dataset;
          return {
            ok: true,
            message: body.duplicate
              ? `These exact bytes are already stored as "${ds.name}".`
              : `Stored "${ds.name}": ${ds.rowCount.toLocaleString('en-US')} rows.`,
            issues: body.report?.issues ?? [],
          };
        }
        return { ok: false, message: body.error?.message ?? `Upload refused (HTTP ${status}).`, issues: body.report?.issues ?? [] };
      }}
    >
      <label className="field">
        <span className="field__label">Name</span>
        <input
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="the file name if empty"
          data-testid="dataset-name"
        />
      </label>
    </CsvUpload>
  );
}
