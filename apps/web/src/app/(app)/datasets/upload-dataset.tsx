'use client';
// Drag-and-drop upload with a real progress bar: the bytes sent (XMLHttpRequest upload events), then
// the server's validation of the same stream; on errors the report lists each problem with its rows.
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';

interface Issue {
  severity: string;
  code: string;
  message: string;
  column?: string;
  rows?: number[];
}
type UploadState =
  | { kind: 'idle' }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'validating' }
  | { kind: 'done'; message: string; issues: Issue[] }
  | { kind: 'failed'; message: string; issues: Issue[] };

export function UploadDataset() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [over, setOver] = useState(false);
  const [state, setState] = useState<UploadState>({ kind: 'idle' });

  function send(file: File) {
    const datasetName = name.trim() || file.name.replace(/\.csv$/i, '');
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/datasets/upload?name=${encodeURIComponent(datasetName)}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => setState({ kind: 'uploading', sent: event.loaded, total: event.total || file.size });
    xhr.upload.onload = () => setState({ kind: 'validating' });
    xhr.onerror = () => setState({ kind: 'failed', message: 'The upload did not reach the server.', issues: [] });
    xhr.onload = () => {
      let body: {
        dataset?: { name: string; rowCount: number };
        duplicate?: boolean;
        error?: { message: string };
        report?: { issues: Issue[] };
      } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        /* shown below */
      }
      if (xhr.status === 200 || xhr.status === 201) {
        const ds = body.dataset!;
        setState({
          kind: 'done',
          message: body.duplicate
            ? `These exact bytes are already stored as "${ds.name}".`
            : `Stored "${ds.name}": ${ds.rowCount.toLocaleString('en-US')} rows.`,
          issues: body.report?.issues ?? [],
        });
        router.refresh();
      } else {
        setState({
          kind: 'failed',
          message: body.error?.message ?? `Upload refused (HTTP ${xhr.status}).`,
          issues: body.report?.issues ?? [],
        });
      }
    };
    setState({ kind: 'uploading', sent: 0, total: file.size });
    xhr.send(file);
  }

  const percent =
    state.kind === 'uploading' && state.total > 0 ? Math.round((state.sent / state.total) * 100) : state.kind === 'validating' ? 100 : 0;
  return (
    <section className="card">
      <div className="card__header">
        <h2>Upload a dataset</h2>
        <span className="card__subtitle">CSV with a default flag column; up to 200 MB. A file with errors is not stored.</span>
      </div>
      <div className="card__body stack">
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
        <div
          className={`dropzone${over ? ' dropzone--over' : ''}`}
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            const file = e.dataTransfer.files[0];
            if (file) send(file);
          }}
          onClick={() => input.current?.click()}
          role="button"
          tabIndex={0}
          style={{
            border: '2px dashed #9aa5b8',
            borderRadius: 8,
            padding: 24,
            textAlign: 'center',
            cursor: 'pointer',
            background: over ? '#eef3fb' : undefined,
          }}
        >
          Drop a CSV here, or click to choose one
          <input
            ref={input}
            type="file"
            accept=".csv,text/csv"
            hidden
            data-testid="dataset-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) send(file);
            }}
          />
        </div>
        {state.kind === 'uploading' || state.kind === 'validating' ? (
          <div>
            <progress max={100} value={percent} style={{ width: '100%' }} aria-label="Upload progress" data-testid="upload-progress" />
            <div className="muted">
              {state.kind === 'uploading'
                ? `Uploading and validating… ${(state.sent / 1e6).toFixed(1)} of ${(state.total / 1e6).toFixed(1)} MB (${percent}%)`
                : 'Finishing validation…'}
            </div>
          </div>
        ) : null}
        {state.kind === 'done' || state.kind === 'failed' ? (
          <div
            role="status"
            data-testid="upload-result"
            className={state.kind === 'failed' ? 'alert alert--error' : 'alert alert--success'}
          >
            <p>{state.message}</p>
            {state.issues.length > 0 ? (
              <ul>
                {state.issues.map((issue, i) => (
                  <li key={i}>
                    <strong>{issue.severity}</strong> {issue.column ? `[column ${issue.column}] ` : ''}
                    {issue.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
